package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.agent.AgentOptions;
import dev.controlplanes.kamaji.konnectivity.agent.ProxyAgent;
import dev.controlplanes.kamaji.konnectivity.testing.Ports;
import dev.controlplanes.kamaji.konnectivity.testing.RoundRobinProxy;
import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers behind one round-robin address, as agents see an HA control plane: an upstream
 * agent keeps connecting until it holds one stream per distinct server ID ({@code servercount}),
 * with two of our servers, and with one of ours next to the upstream server.
 */
class ServerCountIT {

  @TempDir Path dir;

  private ServerOptions options(TestPki pki, String id, int count) {
    return ServerOptions.parse(
        ServerArgs.loopback(
            pki, dir.resolve(id + ".sock"), "--server-id=" + id, "--server-count=" + count));
  }

  @Test
  void agentConnectsToEveryOneOfOurServers() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    try (ProxyServer a = ProxyServer.start(options(pki, "java-a", 2), AgentAuthenticator.NONE);
        ProxyServer b = ProxyServer.start(options(pki, "java-b", 2), AgentAuthenticator.NONE);
        RoundRobinProxy lb = new RoundRobinProxy(List.of(a.agentPort(), b.agentPort()));
        UpstreamAgent agent =
            new UpstreamAgent(
                    Upstream.konnectivity(), pki, lb.port(), "ha-agent", dir.resolve("agent.log"))
                .start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.backends().list().size() == 1 && b.backends().list().size() == 1);
      // Duplicates (a second stream to a server already held) are dropped by the agent.
      Thread.sleep(2000);
      assertThat(a.backends().list()).hasSize(1);
      assertThat(b.backends().list()).hasSize(1);
    }
  }

  @Test
  void withSyncForeverAgentsFindServersTheHeaderDoesNotCount() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    try (ProxyServer a = ProxyServer.start(options(pki, "java-a", 1), AgentAuthenticator.NONE);
        ProxyServer b = ProxyServer.start(options(pki, "java-b", 1), AgentAuthenticator.NONE);
        RoundRobinProxy lb = new RoundRobinProxy(List.of(a.agentPort(), b.agentPort()));
        UpstreamAgent upstream =
            new UpstreamAgent(
                    Upstream.konnectivity(),
                    pki,
                    lb.port(),
                    "forever-upstream",
                    dir.resolve("agent.log"),
                    "--sync-forever")
                .start();
        ProxyAgent ours =
            ProxyAgent.start(
                AgentOptions.parse(
                    List.of(
                        "--ca-cert=" + pki.caCert,
                        "--proxy-server-host=127.0.0.1",
                        "--proxy-server-port=" + lb.port(),
                        "--health-server-port=0",
                        "--admin-server-port=0",
                        "--agent-id=forever-java",
                        "--sync-interval=200ms",
                        "--sync-forever")))) {
      // Each server says servercount 1: only probing forever finds the second one.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  a.backends().list().size() == 2
                      && b.backends().list().size() == 2
                      && ours.openServerConnections() == 2);
      // Both agents keep probing through the balancer. A probe that lands on a server they already
      // have is registered for the moment it takes the agent to see the server's id and close it
      // (up to ~40 ms for the upstream agent, as with the upstream server), so a third backend can
      // be seen at any instant. What must hold: only these two agents, and no duplicate that stays.
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until) {
        assertThat(agentIds(a)).containsExactlyInAnyOrder("forever-upstream", "forever-java");
        assertThat(agentIds(b)).containsExactlyInAnyOrder("forever-upstream", "forever-java");
        Thread.sleep(50);
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> a.backends().list().size() == 2 && b.backends().list().size() == 2);
    }
  }

  /** The distinct ids of the agents connected to {@code server}. */
  private static List<String> agentIds(ProxyServer server) {
    return server.backends().list().stream().map(Backend::agentId).distinct().toList();
  }

  @Test
  void agentConnectsToOursAndTheUpstreamServerSideBySide() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    Path bin = Upstream.konnectivity();
    try (ProxyServer ours = ProxyServer.start(options(pki, "java", 2), AgentAuthenticator.NONE);
        UpstreamServer upstream =
            new UpstreamServer(
                bin,
                pki,
                dir.resolve("upstream.sock"),
                dir.resolve("upstream.log"),
                Ports.free(),
                "--server-count=2");
        RoundRobinProxy lb = new RoundRobinProxy(List.of(ours.agentPort(), upstream.agentPort));
        UpstreamAgent agent =
            new UpstreamAgent(bin, pki, lb.port(), "mixed-agent", dir.resolve("agent.log"))
                .start()) {
      HttpClient http = HttpClient.newHttpClient();
      URI metrics = URI.create("http://127.0.0.1:" + upstream.healthPort + "/metrics");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ours.backends().list().size() == 1
                      && http.send(
                              HttpRequest.newBuilder(metrics).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body()
                          .contains(
                              "konnectivity_network_proxy_server_ready_backend_connections 1"));
    }
  }
}
