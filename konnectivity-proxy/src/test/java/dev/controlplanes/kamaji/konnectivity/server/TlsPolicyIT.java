package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cipher-suites} and {@code --tls-min-version} on the agent port, seen by openssl's client
 * (what it negotiates, or that it cannot) and by the upstream agent, which must still connect.
 */
class TlsPolicyIT {

  @TempDir Path dir;

  @Test
  void cipherSuitesRestrictTls12AndLeaveTls13Alone() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    try (ProxyServer server =
        start(pki, "--cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")) {
      int port = server.agentPort();
      assertThat(handshake(pki, port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"))
          .isEqualTo("refused");
      assertThat(handshake(pki, port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"))
          .isEqualTo("TLSv1.2 ECDHE-ECDSA-AES256-GCM-SHA384");
      assertThat(handshake(pki, port, "-tls1_3")).startsWith("TLSv1.3 ");
      assertUpstreamAgentConnects(pki, server);
    }
  }

  @Test
  void theMinimumVersionIsHonouredAndNeverBelowTls12() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    try (ProxyServer strict = start(pki, "--tls-min-version=VersionTLS13")) {
      assertThat(handshake(pki, strict.agentPort(), "-tls1_2")).isEqualTo("refused");
      assertThat(handshake(pki, strict.agentPort(), "-tls1_3")).startsWith("TLSv1.3 ");
      assertUpstreamAgentConnects(pki, strict);
    }
    try (ProxyServer lenient = start(pki, "--tls-min-version=VersionTLS10")) {
      assertThat(handshake(pki, lenient.agentPort(), "-tls1_1")).isEqualTo("refused");
      assertThat(handshake(pki, lenient.agentPort(), "-tls1_2")).startsWith("TLSv1.2 ");
    }
  }

  private ProxyServer start(TestPki pki, String... flags) throws Exception {
    return ProxyServer.start(
        ServerOptions.parse(ServerArgs.loopback(pki, dir.resolve("s.sock"), flags)),
        AgentAuthenticator.NONE);
  }

  private void assertUpstreamAgentConnects(TestPki pki, ProxyServer server) throws Exception {
    try (UpstreamAgent agent =
        new UpstreamAgent(
                Upstream.konnectivity(),
                pki,
                server.agentPort(),
                "tls-agent",
                dir.resolve("agent-" + server.agentPort() + ".log"))
            .start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> server.backends().list().size() == 1);
    }
  }

  /** "protocol cipher" of a handshake by openssl with {@code options}, or "refused". */
  private static String handshake(TestPki pki, int port, String... options) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-CAfile",
                pki.caCert.toString(),
                "-alpn",
                "h2",
                "-brief"));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("openssl s_client did not finish:\n" + out);
    }
    String protocol = null;
    String cipher = null;
    for (String line : out.split("\n")) {
      if (line.startsWith("Protocol version: ")) {
        protocol = line.substring("Protocol version: ".length()).strip();
      } else if (line.startsWith("Ciphersuite: ")) {
        cipher = line.substring("Ciphersuite: ".length()).strip();
      }
    }
    return protocol == null || cipher == null ? "refused" : protocol + " " + cipher;
  }
}
