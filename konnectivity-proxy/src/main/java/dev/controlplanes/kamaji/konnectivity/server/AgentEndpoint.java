package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.Headers;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AgentService/Connect}, implemented at the call level so the response headers ({@code
 * serverid}, {@code servercount}) go out right after authentication: the upstream agent blocks
 * until it has them, and the stub API would only send them with the first DIAL_REQ.
 */
final class AgentEndpoint implements ServerCallHandler<Packet, Packet> {

  private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);

  private final String serverId;
  private final int serverCount;
  private final AgentAuthenticator authenticator;
  private final Executor authExecutor;
  private final Backends backends;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService timer;
  private final long queueBytes;
  private final Duration stallTimeout;

  AgentEndpoint(
      ServerOptions options,
      AgentAuthenticator authenticator,
      Executor authExecutor,
      Backends backends,
      ServerMetrics metrics,
      ScheduledExecutorService timer) {
    this.serverId = options.serverId();
    this.serverCount = options.serverCount();
    this.authenticator = authenticator;
    this.authExecutor = authExecutor;
    this.backends = backends;
    this.metrics = metrics;
    this.timer = timer;
    this.queueBytes = options.frontendQueueBytes();
    this.stallTimeout = options.frontendStallTimeout();
  }

  @Override
  public ServerCall.Listener<Packet> startCall(ServerCall<Packet, Packet> call, Metadata headers) {
    metrics.grpcConnections.labels("Connect").inc();
    AgentStream listener = new AgentStream(call);
    List<String> ids = values(headers, Headers.AGENT_ID);
    List<String> identifiers = values(headers, Headers.AGENT_IDENTIFIERS);
    List<String> auth = values(headers, Headers.AUTHORIZATION);
    if (ids.size() != 1 || ids.get(0).isEmpty()) {
      listener.reject(Status.INVALID_ARGUMENT.withDescription("expected one agentid header"));
      return listener;
    }
    if (identifiers.size() > 1) {
      listener.reject(
          Status.INVALID_ARGUMENT.withDescription("expected at most one agentidentifiers header"));
      return listener;
    }
    AgentIdentifiers parsed;
    try {
      parsed = AgentIdentifiers.parse(identifiers.isEmpty() ? "" : identifiers.get(0));
    } catch (IllegalArgumentException e) {
      listener.reject(Status.INVALID_ARGUMENT.withDescription("bad agentidentifiers header"));
      return listener;
    }
    String authorization = auth.size() == 1 ? auth.get(0) : null;
    authExecutor.execute(
        () -> {
          try {
            if (auth.size() > 1) {
              throw new SecurityException("expected one authorization header");
            }
            authenticator.authenticate(authorization);
          } catch (RuntimeException e) {
            LOG.warn("agent {} rejected: {}", ids.get(0), e.getMessage());
            listener.reject(Status.UNAUTHENTICATED.withDescription(e.getMessage()));
            return;
          }
          listener.accept(ids.get(0), parsed);
        });
    return listener;
  }

  private static List<String> values(Metadata headers, Metadata.Key<String> key) {
    List<String> out = new ArrayList<>();
    Iterable<String> all = headers.getAll(key);
    if (all != null) {
      all.forEach(out::add);
    }
    return out;
  }

  /** The listener of one agent stream; becomes a {@link Backend} once authenticated. */
  private final class AgentStream extends ServerCall.Listener<Packet> {
    private final ServerCall<Packet, Packet> call;
    private final CallOutlet outlet;
    private final PacketStream out;
    private Backend backend;
    private boolean ended;

    AgentStream(ServerCall<Packet, Packet> call) {
      this.call = call;
      this.outlet = new CallOutlet(call);
      this.out = new PacketStream(outlet);
    }

    void reject(Status status) {
      synchronized (out) {
        out.closeNow(status);
      }
    }

    void accept(String agentId, AgentIdentifiers identifiers) {
      Backend b;
      synchronized (this) {
        if (ended) {
          return;
        }
        LoopAffinity.Home home = LoopAffinity.home(call.getAttributes());
        b =
            new Backend(
                agentId,
                identifiers,
                home == null ? null : home.loopThread(),
                out,
                call::request,
                metrics,
                timer,
                queueBytes,
                stallTimeout);
        backend = b;
      }
      Metadata response = new Metadata();
      response.put(Headers.SERVER_ID, serverId);
      response.put(Headers.SERVER_COUNT, Integer.toString(serverCount));
      synchronized (out) {
        outlet.sendHeaders(response);
      }
      backends.add(b);
      LOG.info("agent {} connected ({} streams)", agentId, backends.list().size());
      call.request(1);
    }

    private synchronized Backend backend() {
      return backend;
    }

    @Override
    public void onMessage(Packet packet) {
      backend().onPacket(packet);
    }

    @Override
    public void onReady() {
      Backend b = backend();
      if (b != null) {
        b.onReady();
      }
    }

    @Override
    public void onHalfClose() {
      end(Status.OK);
    }

    @Override
    public void onCancel() {
      end(Status.CANCELLED);
    }

    @Override
    public void onComplete() {
      end(Status.OK);
    }

    private void end(Status status) {
      Backend b;
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        b = backend;
      }
      metrics.grpcConnections.labels("Connect").dec();
      if (b != null) {
        backends.remove(b);
        b.onGone();
        LOG.info("agent {} disconnected", b.agentId());
      }
      out.closeNow(status);
    }
  }
}
