package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ProxyService/Proxy}: one {@link GrpcTunnel} per stream. */
final class ProxyEndpoint implements ServerCallHandler<Packet, Packet> {

  private final Backends backends;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService timer;
  private final Duration dialTimeout;

  ProxyEndpoint(
      Backends backends,
      ServerMetrics metrics,
      ScheduledExecutorService timer,
      Duration dialTimeout) {
    this.backends = backends;
    this.metrics = metrics;
    this.timer = timer;
    this.dialTimeout = dialTimeout;
  }

  @Override
  public ServerCall.Listener<Packet> startCall(ServerCall<Packet, Packet> call, Metadata headers) {
    metrics.grpcConnections.labels("Proxy").inc();
    PacketStream out = new PacketStream(new CallOutlet(call));
    GrpcTunnel tunnel = new GrpcTunnel(call, out, backends, metrics, timer, dialTimeout);
    call.request(1);
    AtomicBoolean counted = new AtomicBoolean(true);
    return new SimpleForwardingServerCallListener<>(tunnel) {
      @Override
      public void onComplete() {
        uncount();
        super.onComplete();
      }

      @Override
      public void onCancel() {
        uncount();
        super.onCancel();
      }

      private void uncount() {
        if (counted.getAndSet(false)) {
          metrics.grpcConnections.labels("Proxy").dec();
        }
      }
    };
  }
}
