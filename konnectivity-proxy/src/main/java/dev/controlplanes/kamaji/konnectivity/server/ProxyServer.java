package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.AgentServiceGrpc;
import dev.controlplanes.kamaji.konnectivity.proto.ProxyServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The konnectivity server: the frontend (gRPC {@code ProxyService} over a Unix socket or mTLS TCP),
 * the agent endpoint (gRPC {@code AgentService} over TLS), and the health and admin HTTP ports.
 */
public final class ProxyServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  private static final int MAX_METADATA_BYTES = 1 << 20;

  private final ServerOptions options;
  private final ServerMetrics metrics = new ServerMetrics();
  private final Backends backends;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(HealthServer.daemon("konnectivity-timer"));
  private final ExecutorService authExecutor =
      Executors.newCachedThreadPool(HealthServer.daemon("konnectivity-auth"));
  private final List<AutoCloseable> closeables = new ArrayList<>();
  // One event-loop group for every listener: a packet relayed between an agent channel and a
  // frontend channel on the same loop is written inline instead of being handed to another thread
  // (LoopAffinity puts the two on one loop where it can).
  // One loop per CPU (as Go runs one thread per CPU), not Netty's two: with four loops on two cores
  // the dial p99 was 1.23-1.65 times the upstream server's, with two 0.86-1.11
  // (docs/benchmarks.md).
  private final EventLoopGroup epollGroup =
      new MultiThreadIoEventLoopGroup(
          Integer.getInteger(
              "konnectivity.eventLoopThreads", Runtime.getRuntime().availableProcessors()),
          EpollIoHandler.newFactory());
  private Server agentServer;
  private HealthServer health;
  private HealthServer admin;
  private HttpConnectServer httpFrontend;

  private ProxyServer(ServerOptions options) {
    this.options = options;
    this.backends = new Backends(options.proxyStrategies(), metrics);
  }

  /** Starts every listener; on failure, whatever started is stopped again. */
  public static ProxyServer start(ServerOptions options, AgentAuthenticator authenticator)
      throws IOException {
    ProxyServer s = new ProxyServer(options);
    try {
      s.startAll(authenticator);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void startAll(AgentAuthenticator authenticator) throws IOException {
    AgentEndpoint agentEndpoint =
        new AgentEndpoint(options, authenticator, authExecutor, backends, metrics, timer);
    ServerServiceDefinition agentService =
        ServerServiceDefinition.builder(AgentServiceGrpc.getServiceDescriptor())
            .addMethod(AgentServiceGrpc.getConnectMethod(), agentEndpoint)
            .build();
    agentServer =
        NettyServerBuilder.forAddress(address(options.agentBindAddress(), options.agentPort()))
            .channelType(io.netty.channel.epoll.EpollServerSocketChannel.class)
            .bossEventLoopGroup(epollGroup)
            .workerEventLoopGroup(epollGroup)
            .sslContext(agentTls())
            .directExecutor()
            .keepAliveTime(options.keepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveTime(30, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .maxInboundMetadataSize(MAX_METADATA_BYTES)
            .addTransportFilter(LoopAffinity.recorder())
            .addService(agentService)
            .build()
            .start();
    startFrontend();
    health =
        HealthServer.start(
            options.healthBindAddress(),
            options.healthPort(),
            metrics.registry,
            backends::ready,
            true);
    admin =
        HealthServer.start(
            options.adminBindAddress(), options.adminPort(), metrics.registry, () -> true, false);
    LOG.info(
        "konnectivity server {} started: agent port {}, health port {}, admin port {}, TLS by {}",
        options.serverId(),
        agentPort(),
        health.port(),
        admin.port(),
        io.netty.handler.ssl.OpenSsl.isAvailable() ? "BoringSSL" : "the JDK");
  }

  private void startFrontend() throws IOException {
    if (options.mode().equals("http-connect")) {
      startHttpConnect();
      return;
    }
    ProxyEndpoint proxyEndpoint =
        new ProxyEndpoint(backends, metrics, timer, options.backendDialTimeout());
    ServerServiceDefinition proxyService =
        ServerServiceDefinition.builder(ProxyServiceGrpc.getServiceDescriptor())
            .addMethod(ProxyServiceGrpc.getProxyMethod(), proxyEndpoint)
            .build();
    // A new frontend connection is served by the loop of the agent it will most likely use.
    EventLoopGroup frontendLoops = new AffineEventLoopGroup(epollGroup, backends::drawLoopThread);
    NettyServerBuilder builder;
    if (!options.udsName().isEmpty()) {
      Path socket = Path.of(options.udsName());
      if (options.deleteExistingUdsFile()) {
        Files.deleteIfExists(socket);
      }
      builder =
          NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
              .channelType(EpollServerDomainSocketChannel.class)
              .bossEventLoopGroup(epollGroup)
              .workerEventLoopGroup(frontendLoops);
    } else if (options.serverPort() != 0) {
      SslContext tls = frontendTls(true);
      builder =
          NettyServerBuilder.forAddress(address(options.serverBindAddress(), options.serverPort()))
              .channelType(io.netty.channel.epoll.EpollServerSocketChannel.class)
              .bossEventLoopGroup(epollGroup)
              .workerEventLoopGroup(frontendLoops)
              .sslContext(tls);
    } else {
      LOG.warn("no frontend configured (--uds-name empty and --server-port=0)");
      return;
    }
    Server frontend =
        builder
            .directExecutor()
            .addTransportFilter(LoopAffinity.recorder())
            .keepAliveTime(options.frontendKeepaliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveTime(30, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .addService(proxyService)
            .build()
            .start();
    closeables.add(() -> stop(frontend));
    if (!options.udsName().isEmpty()) {
      // The kube-apiserver container shares the socket's directory; upstream uses umask 0007.
      Files.setPosixFilePermissions(
          Path.of(options.udsName()), PosixFilePermissions.fromString("rwxrwx---"));
    }
  }

  private void startHttpConnect() throws IOException {
    java.net.SocketAddress address;
    SslContext tls = null;
    if (!options.udsName().isEmpty()) {
      Path socket = Path.of(options.udsName());
      if (options.deleteExistingUdsFile()) {
        Files.deleteIfExists(socket);
      }
      address = new DomainSocketAddress(socket.toString());
    } else if (options.serverPort() != 0) {
      address = address(options.serverBindAddress(), options.serverPort());
      // HTTP/1.1 only: no ALPN, so clients offering h2 fall back to http/1.1.
      tls = frontendTls(false);
    } else {
      LOG.warn("no frontend configured (--uds-name empty and --server-port=0)");
      return;
    }
    try {
      HttpConnectServer http =
          HttpConnectServer.start(
              epollGroup,
              new AffineEventLoopGroup(epollGroup, backends::drawLoopThread),
              address,
              tls,
              backends,
              metrics);
      httpFrontend = http;
      closeables.add(http);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding the frontend", e);
    }
    if (!options.udsName().isEmpty()) {
      Files.setPosixFilePermissions(
          Path.of(options.udsName()), PosixFilePermissions.fromString("rwxrwx---"));
    }
  }

  /** The bound TCP port of the frontend (HTTP CONNECT over TLS), for tests using port 0. */
  public int frontendPort() {
    return httpFrontend == null ? 0 : httpFrontend.port();
  }

  /** The frontend's TCP listener: the server certificate, client certificates required. */
  private SslContext frontendTls(boolean grpc) throws IOException {
    return serverTls(options.serverCert(), options.serverKey(), grpc)
        .trustManager(new File(options.serverCaCert()))
        .clientAuth(ClientAuth.REQUIRE)
        .build();
  }

  private SslContext agentTls() throws IOException {
    SslContextBuilder b = serverTls(options.clusterCert(), options.clusterKey(), true);
    if (!options.clusterCaCert().isEmpty()) {
      b.trustManager(new File(options.clusterCaCert())).clientAuth(ClientAuth.REQUIRE);
    }
    return b.build();
  }

  /**
   * A TLS listener's context with {@code --cipher-suites} and {@code --tls-min-version} applied, as
   * every listener of the server takes them; configured for gRPC (ALPN h2) when {@code grpc}.
   */
  private SslContextBuilder serverTls(String cert, String key, boolean grpc) {
    SslContextBuilder builder = SslContextBuilder.forServer(new File(cert), new File(key));
    return options.tlsPolicy().applyTo(grpc ? GrpcSslContexts.configure(builder) : builder);
  }

  private static InetSocketAddress address(String bind, int port) {
    return bind.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
  }

  public ServerOptions options() {
    return options;
  }

  public int agentPort() {
    return ((InetSocketAddress) agentServer.getListenSockets().get(0)).getPort();
  }

  public int healthPort() {
    return health.port();
  }

  public int adminPort() {
    return admin.port();
  }

  public Backends backends() {
    return backends;
  }

  /** Closes {@code c} before anything else when the server stops. */
  void closeFirst(AutoCloseable c) {
    closeables.add(0, c);
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /** Established plus pending connections over all agents (for leak checks). */
  public int openConnections() {
    int n = 0;
    for (Backend b : backends.list()) {
      n += b.establishedCount() + b.pendingCount();
    }
    return n;
  }

  private static void stop(Server server) throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("error while stopping", e);
      }
    }
    if (agentServer != null) {
      try {
        stop(agentServer);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (health != null) {
      health.close();
    }
    if (admin != null) {
      admin.close();
    }
    epollGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    if (!options.udsName().isEmpty()) {
      try {
        Files.deleteIfExists(Path.of(options.udsName()));
      } catch (IOException e) {
        LOG.warn("could not delete {}", options.udsName());
      }
    }
    timer.shutdownNow();
    authExecutor.shutdownNow();
  }
}
