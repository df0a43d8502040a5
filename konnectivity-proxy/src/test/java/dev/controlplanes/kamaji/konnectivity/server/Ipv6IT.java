package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.agent.AgentOptions;
import dev.controlplanes.kamaji.konnectivity.agent.ProxyAgent;
import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TargetServer;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 on the IPv6 loopback: the agent port bound to {@code ::1}, the upstream agent and then ours
 * connecting to it (TLS verified against the certificate's {@code IP:::1}), each carrying a tunnel
 * dialled to {@code [::1]:port}.
 */
class Ipv6IT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void agentsConnectAndTunnelOverIpv6() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    Path socket = dir.resolve("proxy.sock");
    ServerOptions options =
        ServerOptions.parse(ServerArgs.loopback(pki, socket, "--agent-bind-address=::1"));
    try (ProxyServer server = ProxyServer.start(options, AgentAuthenticator.NONE);
        TargetServer target = new TargetServer("::1");
        FrontendClient client = new FrontendClient(socket)) {
      try (UpstreamAgent upstream =
          new UpstreamAgent(
                  Upstream.konnectivity(),
                  pki,
                  server.agentPort(),
                  "upstream-v6",
                  dir.resolve("agent.log"),
                  "--proxy-server-host=::1")
              .start()) {
        await().atMost(WAIT).until(() -> server.backends().list().size() == 1);
        fetchThroughTunnel(client, target);
      }
      await().atMost(WAIT).until(() -> server.backends().list().isEmpty());
      try (ProxyAgent ours =
          ProxyAgent.start(
              AgentOptions.parse(
                  List.of(
                      "--ca-cert=" + pki.caCert,
                      "--proxy-server-host=::1",
                      "--proxy-server-port=" + server.agentPort(),
                      "--health-server-port=0",
                      "--admin-server-port=0",
                      "--agent-id=java-v6",
                      "--sync-interval=200ms")))) {
        await()
            .atMost(WAIT)
            .until(() -> server.backends().list().size() == 1 && ours.openServerConnections() == 1);
        fetchThroughTunnel(client, target);
      }
    }
  }

  /** 1 MiB from the target at {@code [::1]:port}, checked byte for byte. */
  private static void fetchThroughTunnel(FrontendClient client, TargetServer target)
      throws Exception {
    int size = 1 << 20;
    FrontendClient.Tunnel t = client.dial("[::1]:" + target.port(), WAIT);
    t.write(TargetServer.bytesRequest(size));
    byte[] response = t.readToEnd(WAIT);
    assertThat(response.length - TargetServer.bodyStart(response)).isEqualTo(size);
    assertThat(TargetServer.hasBytesBody(response, size)).isTrue();
    t.cancel();
  }
}
