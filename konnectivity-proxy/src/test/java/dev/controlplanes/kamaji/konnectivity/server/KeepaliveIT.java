package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.TargetServer;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream agent pinging every 30 s (the shortest interval upstream servers permit, and below
 * grpc-java's 5 min default) with an extra ALPN protocol keeps its one stream for over two ping
 * intervals: no GOAWAY "too_many_pings", no reconnect.
 */
class KeepaliveIT {

  @TempDir Path dir;

  @Test
  void agentPingingEveryThirtySecondsKeepsItsStream() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    Path socket = dir.resolve("k.sock");
    try (TargetServer target = new TargetServer();
        ProxyServer server =
            ProxyServer.start(
                UpstreamAgentIT.optionsFor(socket, pki, "keepalive"), AgentAuthenticator.NONE);
        UpstreamAgent agent =
            new UpstreamAgent(
                    Upstream.konnectivity(),
                    pki,
                    server.agentPort(),
                    "pinging-agent",
                    dir.resolve("agent.log"),
                    "--keepalive-time=30s",
                    "--alpn-proto=konnectivity")
                .start()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> server.backends().list().size() == 1);
      Backend first = server.backends().list().get(0);
      Thread.sleep(Duration.ofSeconds(70).toMillis());
      assertThat(server.backends().list()).containsExactly(first);
      assertThat(Files.readString(dir.resolve("agent.log"))).doesNotContain("too_many_pings");
      try (FrontendClient client = new FrontendClient(socket)) {
        client.dial("127.0.0.1:" + target.port(), Duration.ofSeconds(10)).cancel();
      }
    }
  }
}
