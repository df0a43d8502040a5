package dev.controlplanes.kamaji.konnectivity.agent;

import dev.controlplanes.kamaji.konnectivity.leases.KubeconfigClients;
import dev.controlplanes.kamaji.konnectivity.proto.AgentServiceGrpc;
import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.server.HealthServer;
import dev.controlplanes.kamaji.konnectivity.wire.Headers;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A konnectivity agent compatible with the upstream server: keeps one {@code Connect} stream per
 * distinct server ID (as many as {@link ServerCounts} says: the servers' {@code servercount}, or
 * their Leases), reconnecting with the upstream backoff (sync interval ×1.5 up to the cap).
 */
public final class ProxyAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyAgent.class);
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(30);

  private final AgentOptions options;
  private final AgentMetrics metrics = new AgentMetrics();
  private final SslContext tls;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
  private final ScheduledExecutorService sync =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "konnectivity-agent-sync");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, ServerConnection> connections = new ConcurrentHashMap<>();
  private final LeaseCounter leases;
  private volatile int lastReceivedServerCount;
  private volatile boolean closed;
  private Duration backoff;
  private HealthServer health;
  private HealthServer admin;

  private ProxyAgent(AgentOptions options) throws IOException {
    this.options = options;
    this.backoff = options.syncInterval();
    List<String> protocols = new ArrayList<>(List.of("h2"));
    protocols.addAll(options.alpnProtos());
    SslContextBuilder b =
        GrpcSslContexts.forClient()
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    protocols));
    if (!options.caCert().isEmpty()) {
      b.trustManager(new File(options.caCert()));
    }
    if (!options.agentCert().isEmpty()) {
      b.keyManager(new File(options.agentCert()), new File(options.agentKey()));
    }
    this.tls = b.build();
    this.leases =
        options.countServerLeases()
            ? LeaseCounter.start(
                KubeconfigClients.build(options.kubeconfig()),
                options.leaseNamespace(),
                options.leaseLabels(),
                metrics)
            : null;
  }

  /** Starts the health/admin ports and the connection loop. */
  public static ProxyAgent start(AgentOptions options) throws IOException {
    ProxyAgent a = new ProxyAgent(options);
    a.health =
        HealthServer.start(
            options.healthServerHost(),
            options.healthServerPort(),
            a.metrics.registry,
            () -> !a.connections.isEmpty(),
            true);
    a.admin =
        HealthServer.start(
            options.adminBindAddress(),
            options.adminServerPort(),
            a.metrics.registry,
            () -> true,
            false);
    a.sync.execute(a::syncOnce);
    return a;
  }

  public int openServerConnections() {
    return connections.size();
  }

  public int healthPort() {
    return health.port();
  }

  private void syncOnce() {
    if (closed) {
      return;
    }
    Duration next;
    if (leases != null && !leases.synced()) {
      next = options.syncInterval();
    } else if (connections.size() < serverCount() || options.syncForever()) {
      try {
        connectOnce();
        backoff = options.syncInterval();
        next = options.syncInterval();
      } catch (DuplicateServerException e) {
        backoff = options.syncInterval();
        next = options.syncInterval();
      } catch (Exception e) {
        metrics.serverConnectionFailures.inc();
        LOG.warn("cannot connect to the proxy server: {}", e.getMessage());
        next = backoff;
        long capped =
            Math.min((long) (backoff.toMillis() * 1.5), options.syncIntervalCap().toMillis());
        backoff = Duration.ofMillis(capped);
      }
    } else {
      next = options.syncInterval();
    }
    long jitter = (long) (next.toMillis() * 0.1 * Math.random());
    if (!closed) {
      sync.schedule(this::syncOnce, next.toMillis() + jitter, TimeUnit.MILLISECONDS);
    }
  }

  private int serverCount() {
    OptionalInt fromLeases = leases == null ? OptionalInt.empty() : OptionalInt.of(leases.count());
    int count =
        ServerCounts.target(fromLeases, lastReceivedServerCount, options.serverCountSource());
    metrics.knownServerCount.set(count);
    return count;
  }

  private static final class DuplicateServerException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private void connectOnce() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(options.proxyServerHost(), options.proxyServerPort())
            .sslContext(tls)
            .eventLoopGroup(group)
            .channelType(io.netty.channel.socket.nio.NioSocketChannel.class)
            .keepAliveTime(options.keepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveWithoutCalls(true)
            .build();
    try {
      Metadata headers = new Metadata();
      headers.put(Headers.AGENT_ID, options.agentId());
      headers.put(Headers.AGENT_IDENTIFIERS, options.agentIdentifiers());
      if (!options.serviceAccountTokenPath().isEmpty()) {
        // Re-read at every connect: the projected token rotates.
        String token =
            Files.readString(Path.of(options.serviceAccountTokenPath()), StandardCharsets.UTF_8)
                .strip();
        headers.put(Headers.AUTHORIZATION, "Bearer " + token);
      }
      ClientCall<Packet, Packet> call =
          channel.newCall(AgentServiceGrpc.getConnectMethod(), CallOptions.DEFAULT);
      ServerConnection.Listener listener = new ServerConnection.Listener();
      call.start(listener, headers);
      Metadata response;
      try {
        response = listener.headers().get(HEADER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new IOException(e.getCause().getMessage());
      } catch (TimeoutException e) {
        call.cancel("no response headers", null);
        throw new IOException("no response headers from the server");
      }
      String serverId = single(response, Headers.SERVER_ID);
      int count = Integer.parseInt(single(response, Headers.SERVER_COUNT));
      if (connections.containsKey(serverId)) {
        call.cancel("duplicate server", null);
        channel.shutdownNow();
        throw new DuplicateServerException();
      }
      PacketStream out = new PacketStream(new ClientOutlet(call));
      ServerConnection c =
          new ServerConnection(serverId, channel, call, out, group, metrics, this::removed);
      connections.put(serverId, c);
      // As upstream, only a new server's header changes the count.
      lastReceivedServerCount = count;
      metrics.openServerConnections.set(connections.size());
      listener.bind(c);
      call.request(1);
      LOG.info("connected to server {} ({} of {})", serverId, connections.size(), count);
    } catch (Exception e) {
      channel.shutdownNow();
      throw e;
    }
  }

  private void removed(ServerConnection c) {
    connections.remove(c.serverId(), c);
    metrics.openServerConnections.set(connections.size());
  }

  private static String single(Metadata md, Metadata.Key<String> key) throws IOException {
    List<String> values = new ArrayList<>();
    Iterable<String> all = md.getAll(key);
    if (all != null) {
      all.forEach(values::add);
    }
    if (values.size() != 1) {
      throw new IOException("expected one " + key.name() + " header, got " + values);
    }
    return values.get(0);
  }

  /** Tells every server this agent is going away (DRAIN); it keeps serving until closed. */
  public void drain() {
    connections.values().forEach(ServerConnection::drain);
  }

  @Override
  public void close() {
    closed = true;
    sync.shutdownNow();
    if (leases != null) {
      leases.close();
    }
    for (ServerConnection c : List.copyOf(connections.values())) {
      c.end(Status.CANCELLED);
    }
    if (health != null) {
      health.close();
    }
    if (admin != null) {
      admin.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** A {@link PacketStream.Outlet} over a client call. */
  private record ClientOutlet(ClientCall<Packet, Packet> call) implements PacketStream.Outlet {
    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void send(Packet packet) {
      call.sendMessage(packet);
    }

    @Override
    public void close(Status status) {
      call.cancel("closed", status.asRuntimeException());
    }
  }
}
