package dev.controlplanes.kamaji.konnectivity.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.server.AgentAuthenticator;
import dev.controlplanes.kamaji.konnectivity.server.ProxyServer;
import dev.controlplanes.kamaji.konnectivity.server.ServerOptions;
import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our agent's credentials against our server: a client certificate when the server requires one
 * ({@code --cluster-ca-cert}), and a bearer token read from {@code --service-account-token-path}
 * (the server's token check is a test authenticator here; the TokenReview path is covered by
 * KubeApiServerEgressIT with the upstream agent).
 */
class AgentCredentialsIT {

  @TempDir Path dir;

  private ServerOptions serverOptions(TestPki pki, String... extra) {
    return ServerOptions.parse(ServerArgs.loopback(pki, dir.resolve("s.sock"), extra));
  }

  private static AgentOptions agentOptions(TestPki pki, int port, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--ca-cert=" + pki.caCert,
                "--proxy-server-host=127.0.0.1",
                "--proxy-server-port=" + port,
                "--health-server-port=0",
                "--admin-server-port=0",
                "--sync-interval=200ms"));
    args.addAll(List.of(extra));
    return AgentOptions.parse(args);
  }

  @Test
  void clientCertificateIsRequiredWhenTheServerHasAClusterCa() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    try (ProxyServer server =
            ProxyServer.start(
                serverOptions(pki, "--cluster-ca-cert=" + pki.caCert), AgentAuthenticator.NONE);
        ProxyAgent without = ProxyAgent.start(agentOptions(pki, server.agentPort()))) {
      Thread.sleep(2000);
      assertThat(without.openServerConnections()).isZero();
      assertThat(server.backends().list()).isEmpty();
      try (ProxyAgent with =
          ProxyAgent.start(
              agentOptions(
                  pki,
                  server.agentPort(),
                  "--agent-cert=" + pki.clientCert,
                  "--agent-key=" + pki.clientKey))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> with.openServerConnections() == 1);
        assertThat(server.backends().list()).hasSize(1);
      }
    }
  }

  @Test
  void tokenIsReadFromTheFileAtEveryConnect() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    Path token = dir.resolve("token");
    Files.writeString(token, "wrong-token\n");
    AgentAuthenticator onlyGood =
        authorization -> {
          if (!"Bearer good-token".equals(authorization)) {
            throw new SecurityException("bad token");
          }
        };
    try (ProxyServer server = ProxyServer.start(serverOptions(pki), onlyGood);
        ProxyAgent agent =
            ProxyAgent.start(
                agentOptions(pki, server.agentPort(), "--service-account-token-path=" + token))) {
      Thread.sleep(1500);
      assertThat(agent.openServerConnections()).isZero();
      // The projected token rotates: the agent must pick up the new file content on its own.
      Files.writeString(token, "good-token\n");
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.openServerConnections() == 1);
      assertThat(server.backends().list()).hasSize(1);
    }
  }
}
