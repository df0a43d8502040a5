package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.Processes;
import dev.controlplanes.kamaji.konnectivity.testing.TargetServer;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our server between the upstream {@code proxy-test-client} (gRPC over a Unix socket, the same
 * client code kube-apiserver uses) and the upstream {@code proxy-agent}.
 */
class UpstreamAgentIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  static Path bin;
  static TestPki pki;
  static TargetServer target;
  static ProxyServer server;
  static Path socket;
  static UpstreamAgent agent;
  static int agentPort;

  @BeforeAll
  static void start() throws Exception {
    bin = Upstream.konnectivity();
    pki = TestPki.create(dir.resolve("pki"));
    target = new TargetServer();
    socket = dir.resolve("konnectivity-server.socket");
    agentPort = dev.controlplanes.kamaji.konnectivity.testing.Ports.free();
    server = ProxyServer.start(options(socket, pki, "java-server-1"), AgentAuthenticator.NONE);
    agent = new UpstreamAgent(bin, pki, agentPort, "agent-1", dir.resolve("agent.log"));
    agent.start();
    awaitAgents(1);
  }

  static ServerOptions options(Path socket, TestPki pki, String serverId) {
    return optionsFor(socket, pki, serverId, agentPort);
  }

  /** The options of these tests, with the agent port chosen by the OS. */
  static ServerOptions optionsFor(Path socket, TestPki pki, String serverId) {
    return optionsFor(socket, pki, serverId, 0);
  }

  private static ServerOptions optionsFor(
      Path socket, TestPki pki, String serverId, int agentPort) {
    return ServerOptions.parse(
        List.of(
            "--mode=grpc",
            "--uds-name=" + socket,
            "--server-port=0",
            "--agent-bind-address=127.0.0.1",
            "--agent-port=" + agentPort,
            "--admin-port=0",
            "--health-port=0",
            "--health-bind-address=127.0.0.1",
            "--cluster-cert=" + pki.serverCert,
            "--cluster-key=" + pki.serverKey,
            "--server-id=" + serverId,
            "--server-count=1",
            "--keepalive-time=30s",
            "--frontend-stall-timeout=2s"));
  }

  static void awaitAgents(int n) {
    await().atMost(WAIT).until(() -> server.backends().list().size() == n);
  }

  @AfterEach
  void noLeaks() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(server.openConnections()).isZero();
              assertThat(server.metrics().grpcConnections.labels("Proxy").get()).isZero();
              assertThat(server.metrics().establishedConnections.get()).isZero();
              assertThat(server.metrics().pendingBackendDials.get()).isZero();
            });
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
    if (target != null) {
      target.close();
    }
  }

  private int testClient(Path log, String path, int requests, int verbosity) throws Exception {
    return Processes.run(
        List.of(
            bin.resolve("proxy-test-client").toString(),
            "--mode=grpc",
            "--proxy-uds=" + socket,
            "--proxy-host=",
            "--proxy-port=0",
            "--request-host=127.0.0.1",
            "--request-port=" + target.port(),
            "--request-path=" + path,
            "--test-requests=" + requests,
            "-v=" + verbosity),
        log,
        120);
  }

  @Test
  void upstreamTestClientFetchesThroughOurServer() throws Exception {
    Path log = dir.resolve("client-small.log");
    assertThat(testClient(log, "success", 5, 4)).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("success from the target");
    assertThat(server.metrics().dialDuration.collect().get(0).samples).isNotEmpty();
  }

  @Test
  void hundredAndFiftyConcurrentTunnels() throws Exception {
    Path log = dir.resolve("client-concurrent.log");
    assertThat(testClient(log, "success", 150, 1)).as(Files.readString(log)).isZero();
  }

  @Test
  void largeTransferThroughUpstreamTestClient() throws Exception {
    Path log = dir.resolve("client-large.log");
    assertThat(testClient(log, "bytes/" + (64 << 20), 1, 1)).as(Files.readString(log)).isZero();
  }

  @Test
  void largeTransferBytesArriveIntact() throws Exception {
    int size = 64 << 20;
    try (FrontendClient client = new FrontendClient(socket)) {
      FrontendClient.Tunnel t = client.dial("127.0.0.1:" + target.port(), WAIT);
      t.write(TargetServer.bytesRequest(size));
      byte[] response = t.readToEnd(Duration.ofSeconds(60));
      assertThat(response.length - TargetServer.bodyStart(response)).isEqualTo(size);
      assertThat(TargetServer.hasBytesBody(response, size)).isTrue();
      t.cancel();
    }
  }

  @Test
  void refusedDialReportsTheAgentsError() throws Exception {
    int closedPort = dev.controlplanes.kamaji.konnectivity.testing.Ports.free();
    try (FrontendClient client = new FrontendClient(socket)) {
      assertThatThrownBy(() -> client.dial("127.0.0.1:" + closedPort, WAIT))
          .hasMessageContaining("connection refused");
    }
  }

  @Test
  void agentLossClosesTunnelsAtOnceAndTheAgentComesBack() throws Exception {
    try (FrontendClient client = new FrontendClient(socket)) {
      FrontendClient.Tunnel open = client.dial("127.0.0.1:" + target.port(), WAIT);
      assertThat(server.metrics().establishedConnections.get()).isEqualTo(1);
      long killed = System.nanoTime();
      agent.kill();
      open.readToEnd(Duration.ofSeconds(5));
      assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
      open.cancel();
      awaitAgents(0);
      assertThatThrownBy(() -> client.dial("127.0.0.1:" + target.port(), WAIT))
          .hasMessageContaining("No agent available");
    }
    agent.start();
    awaitAgents(1);
    Path log = dir.resolve("client-after-restart.log");
    assertThat(testClient(log, "success", 20, 1)).as(Files.readString(log)).isZero();
  }

  @Test
  void slowReaderIsClosedAfterTheStallTimeoutAndOthersKeepFlowing() throws Exception {
    try (FrontendClient client = new FrontendClient(socket)) {
      FrontendClient.Tunnel slow = client.dial("127.0.0.1:" + target.port(), WAIT);
      slow.pauseReading();
      slow.write(TargetServer.bytesRequest(256 << 20));
      double closesBefore = server.metrics().slowFrontendCloses.get();
      int size = 16 << 20;
      long start = System.nanoTime();
      FrontendClient.Tunnel fast = client.dial("127.0.0.1:" + target.port(), WAIT);
      fast.write(TargetServer.bytesRequest(size));
      byte[] response = fast.readToEnd(Duration.ofSeconds(30));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(response.length).isGreaterThan(size);
      // The slow reader may hold the shared agent stream for at most the stall timeout (2 s).
      assertThat(took).isLessThan(Duration.ofSeconds(12));
      await()
          .atMost(WAIT)
          .until(() -> server.metrics().slowFrontendCloses.get() == closesBefore + 1);
      fast.cancel();
      slow.cancel();
    }
  }

  @Test
  void uploadAndDownloadAtOnceThroughAnEcho() throws Exception {
    int size = 16 << 20;
    byte[] sent = new byte[size];
    for (int i = 0; i < size; i++) {
      sent[i] = TargetServer.pattern(i * 7L);
    }
    try (dev.controlplanes.kamaji.konnectivity.testing.EchoServer echo =
            new dev.controlplanes.kamaji.konnectivity.testing.EchoServer();
        FrontendClient client = new FrontendClient(socket)) {
      FrontendClient.Tunnel t = client.dial("127.0.0.1:" + echo.port(), WAIT);
      java.util.concurrent.CompletableFuture<byte[]> back =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return t.read(size, Duration.ofSeconds(60));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      for (int off = 0; off < size; off += 16 * 1024) {
        t.write(Arrays.copyOfRange(sent, off, off + 16 * 1024));
      }
      assertThat(Arrays.equals(back.get(), sent)).isTrue();
      t.close(Duration.ofSeconds(10));
    }
  }

  @Test
  void healthReadinessAndMetricsEndpoints() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.healthPort();
    assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(200);
    String metrics = get(http, base + "/metrics").body();
    assertThat(metrics)
        .contains("konnectivity_network_proxy_server_ready_backend_connections 1.0")
        .contains(
            "konnectivity_network_proxy_server_grpc_connections{service_method=\"Connect\",} 1.0")
        .contains("konnectivity_network_proxy_server_established_connections 0.0");
    assertThat(get(http, "http://127.0.0.1:" + server.adminPort() + "/metrics").body())
        .contains("konnectivity_network_proxy_server_dial_duration_seconds");
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url)
      throws Exception {
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serverRestartAgentReconnects() throws Exception {
    server.close();
    assertThat(Files.exists(socket)).isFalse();
    server = ProxyServer.start(options(socket, pki, "java-server-2"), AgentAuthenticator.NONE);
    awaitAgents(1);
    Path log = dir.resolve("client-after-server-restart.log");
    assertThat(testClient(log, "success", 20, 1)).as(Files.readString(log)).isZero();
  }
}
