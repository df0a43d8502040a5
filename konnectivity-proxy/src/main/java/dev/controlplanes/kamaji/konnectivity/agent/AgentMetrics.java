package dev.controlplanes.kamaji.konnectivity.agent;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

/** The agent's metrics, with the upstream names ({@code konnectivity_network_proxy_agent_*}). */
final class AgentMetrics {

  private static final String NS = "konnectivity_network_proxy";
  private static final String SUB = "agent";

  final CollectorRegistry registry = new CollectorRegistry(true);

  final Histogram dialDuration =
      Histogram.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("dial_duration_seconds")
          .help("Latency of dial to the remote endpoint in seconds")
          .buckets(0.005, 0.025, 0.1, 0.5, 2.5, 12.5)
          .register(registry);
  final Counter endpointDialFailures =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("endpoint_dial_failure_total")
          .help("Number of failures dialing the remote endpoint, by reason")
          .labelNames("reason")
          .register(registry);
  final Gauge openServerConnections =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("open_server_connections")
          .help("Current number of open server connections.")
          .register(registry);
  final Gauge knownServerCount =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("known_server_count")
          .help("Current number of servers the agent knows of.")
          .register(registry);
  final Gauge openEndpointConnections =
      Gauge.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("open_endpoint_connections")
          .help("Current number of open endpoint connections.")
          .register(registry);
  final Counter leaseLists =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_lists")
          .help("Server lease list calls made by the agent, by HTTP response code and reason")
          .labelNames("http_response_code", "reason")
          .register(registry);
  final Counter leaseWatches =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_watches")
          .help("Server lease watch calls made by the agent, by HTTP response code and reason")
          .labelNames("http_response_code", "reason")
          .register(registry);
  final Histogram leaseListLatency =
      Histogram.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("lease_list_latency_seconds")
          .help("Latency of server lease listing in seconds")
          .buckets(0.005, 0.025, 0.1, 0.5, 2.5, 10, 30)
          .labelNames("http_response_code")
          .register(registry);
  final Counter serverConnectionFailures =
      Counter.build()
          .namespace(NS)
          .subsystem(SUB)
          .name("server_connection_failure_count")
          .help("Count of failures to connect to a proxy server")
          .register(registry);
}
