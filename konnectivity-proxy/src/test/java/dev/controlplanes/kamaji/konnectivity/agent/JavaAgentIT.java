package dev.controlplanes.kamaji.konnectivity.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.server.AgentAuthenticator;
import dev.controlplanes.kamaji.konnectivity.server.ProxyServer;
import dev.controlplanes.kamaji.konnectivity.server.ServerOptions;
import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.Processes;
import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TargetServer;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our agent with the upstream {@code proxy-server}, and with our server. */
class JavaAgentIT {

  @TempDir static Path dir;
  static Path bin;
  static TestPki pki;
  static TargetServer target;

  @BeforeAll
  static void start() throws Exception {
    bin = Upstream.konnectivity();
    pki = TestPki.create(dir.resolve("pki"));
    target = new TargetServer();
  }

  @AfterAll
  static void stop() {
    if (target != null) {
      target.close();
    }
  }

  static AgentOptions agentOptions(int serverPort, String id) {
    return AgentOptions.parse(
        List.of(
            "--ca-cert=" + pki.caCert,
            "--proxy-server-host=127.0.0.1",
            "--proxy-server-port=" + serverPort,
            "--health-server-host=127.0.0.1",
            "--health-server-port=0",
            "--admin-server-port=0",
            "--agent-id=" + id,
            "--agent-identifiers=ipv4=127.0.0.1&host=node-1",
            "--sync-interval=200ms",
            "-v=8",
            "--logtostderr=true"));
  }

  private int testClient(Path socket, String name, String path, int requests) throws Exception {
    Path log = dir.resolve(name + ".log");
    int rc =
        Processes.run(
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
                "-v=1"),
            log,
            120);
    assertThat(rc).as(Files.readString(log)).isZero();
    return rc;
  }

  @Test
  void javaAgentServesTheUpstreamServer() throws Exception {
    Path socket = dir.resolve("upstream.socket");
    try (UpstreamServer server =
            new UpstreamServer(bin, pki, socket, dir.resolve("upstream-server.log"));
        ProxyAgent agent = ProxyAgent.start(agentOptions(server.agentPort, "java-agent"))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.openServerConnections() == 1);
      testClient(socket, "small", "success", 10);
      testClient(socket, "concurrent", "success", 150);
      testClient(socket, "large", "bytes/" + (64 << 20), 1);
      String metrics =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + server.healthPort + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics).contains("konnectivity_network_proxy_server_ready_backend_connections 1");
    }
  }

  @Test
  void javaAgentReconnectsAfterTheUpstreamServerRestarts() throws Exception {
    Path socket = dir.resolve("restart.socket");
    UpstreamServer first = new UpstreamServer(bin, pki, socket, dir.resolve("restart-1.log"));
    int port = first.agentPort;
    try (ProxyAgent agent = ProxyAgent.start(agentOptions(port, "java-agent-restart"))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.openServerConnections() == 1);
      first.close();
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.openServerConnections() == 0);
      try (UpstreamServer second =
          new UpstreamServer(bin, pki, socket, dir.resolve("restart-2.log"), port)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.openServerConnections() == 1);
        testClient(socket, "after-restart", "success", 10);
      }
    }
  }

  @Test
  void javaAgentWithJavaServerMovesBytesIntact() throws Exception {
    Path socket = dir.resolve("java.socket");
    ServerOptions options =
        ServerOptions.parse(
            ServerArgs.loopback(pki, socket, "--proxy-strategies=destHost,default"));
    try (ProxyServer server = ProxyServer.start(options, AgentAuthenticator.NONE);
        ProxyAgent agent = ProxyAgent.start(agentOptions(server.agentPort(), "java-agent-2"));
        FrontendClient client = new FrontendClient(socket)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> server.backends().list().size() == 1);
      assertThat(server.backends().list().get(0).identifiers().hosts()).containsExactly("node-1");
      int size = 32 << 20;
      FrontendClient.Tunnel t = client.dial("127.0.0.1:" + target.port(), Duration.ofSeconds(10));
      t.write(TargetServer.bytesRequest(size));
      byte[] response = t.readToEnd(Duration.ofSeconds(60));
      assertThat(response.length - TargetServer.bodyStart(response)).isEqualTo(size);
      assertThat(TargetServer.hasBytesBody(response, size)).isTrue();
      t.cancel();
      await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
    }
  }
}
