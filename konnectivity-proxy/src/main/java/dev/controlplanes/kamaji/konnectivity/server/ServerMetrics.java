package dev.controlplanes.kamaji.konnectivity.server;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

/**
 * The server's Prometheus metrics, with the upstream names ({@code
 * konnectivity_network_proxy_server_*}) so dashboards and upstream checks keep working, plus the
 * backpressure metrics of this implementation.
 */
public final class ServerMetrics {

  private static final String NS = "konnectivity_network_proxy";
  private static final String SUB = "server";

  public final CollectorRegistry registry = new CollectorRegistry(true);

  public final Histogram dialDuration =
      Histogram.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("dial_duration_seconds")
          .help("Latency of dial to the remote endpoint in seconds")
          .buckets(0.005, 0.025, 0.1, 0.5, 2.5, 12.5)
          .register(registry);
  public final Gauge grpcConnections =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("grpc_connections")
          .help("Number of current grpc connections, partitioned by service method.")
          .labelNames("service_method")
          .register(registry);
  public final Gauge httpConnections =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("http_connections")
          .help("Number of current HTTP CONNECT connections")
          .register(registry);
  public final Gauge readyBackendConnections =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("ready_backend_connections")
          .help("Number of konnectivity agent connected to the proxy server (deprecated)")
          .register(registry);
  public final Gauge readyBackends =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("ready_backends")
          .help("Number of konnectivity agents connected to the proxy server, by strategy")
          .labelNames("proxy_strategy")
          .register(registry);
  public final Gauge pendingBackendDials =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("pending_backend_dials")
          .help("Current number of pending backend dial requests")
          .register(registry);
  public final Gauge establishedConnections =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("established_connections")
          .help("Current number of established end-to-end connections")
          .register(registry);
  // Upstream exports this counter without the _total suffix; a gauge keeps the exact name.
  public final Gauge dialFailures =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("dial_failure_count")
          .help("Number of dial failures observed, by reason")
          .labelNames("reason")
          .register(registry);
  public final Counter streamPackets =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("stream_packets_total")
          .help("Count of packets processed, by segment and packet type")
          .labelNames("segment", "packet_type")
          .register(registry);
  public final Counter slowFrontendCloses =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("slow_frontend_closes_total")
          .help("Connections closed because their frontend did not read for the stall timeout")
          .register(registry);
  public final Counter agentStreamPauses =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("agent_stream_pauses_total")
          .help("Times an agent stream stopped reading because a frontend's buffer was full")
          .register(registry);

  public final Counter leaseLists =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_list")
          .help("Lease list calls by the lease garbage collector, by HTTP status code and reason")
          .labelNames("http_status_code", "reason")
          .register(registry);
  public final Histogram leaseListLatency =
      Histogram.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_list_latency_seconds")
          .help("Latency of lease list calls by the lease garbage collector in seconds")
          .labelNames("http_status_code")
          .register(registry);
  public final Counter leaseDeletes =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_delete")
          .help("Lease delete calls by the lease garbage collector, by HTTP status code and reason")
          .labelNames("http_status_code", "reason")
          .register(registry);
  public final Histogram leaseDeleteLatency =
      Histogram.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_delete_latency_seconds")
          .help("Latency of lease delete calls by the lease garbage collector in seconds")
          .labelNames("http_status_code")
          .register(registry);
  // Upstream exports this counter without the _total suffix; a gauge keeps the exact name.
  public final Gauge culledLeases =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("culled_leases_count")
          .help("Count of expired leases that the lease garbage collector has deleted")
          .register(registry);

  // Label lookups cost a map access and a list per call; packets are counted on the hot path.
  private final java.util.Map<String, Counter.Child[]> packetChildren =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Counts one packet of {@code type} on {@code segment} (from_agent, to_client, ...). */
  public void packet(String segment, dev.controlplanes.kamaji.konnectivity.proto.PacketType type) {
    if (type == dev.controlplanes.kamaji.konnectivity.proto.PacketType.UNRECOGNIZED) {
      return;
    }
    Counter.Child[] children =
        packetChildren.computeIfAbsent(
            segment,
            s -> {
              var values = dev.controlplanes.kamaji.konnectivity.proto.PacketType.values();
              Counter.Child[] c = new Counter.Child[values.length];
              for (var t : values) {
                if (t != dev.controlplanes.kamaji.konnectivity.proto.PacketType.UNRECOGNIZED) {
                  c[t.ordinal()] = streamPackets.labels(s, t.name());
                }
              }
              return c;
            });
    children[type.ordinal()].inc();
  }

  public void dialFailure(String reason) {
    dialFailures.labels(reason).inc();
  }
}
