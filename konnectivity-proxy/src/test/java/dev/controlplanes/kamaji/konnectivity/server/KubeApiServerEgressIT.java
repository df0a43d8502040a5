package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.testing.KubeApiServer;
import dev.controlplanes.kamaji.konnectivity.testing.KubeletStandIn;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kube-apiserver with an EgressSelectorConfiguration (cluster: gRPC over a Unix socket)
 * reaches an HTTPS kubelet stand-in through our server and the upstream agent; the agent is
 * authenticated by a service-account token checked with a TokenReview against that kube-apiserver,
 * exactly as Kamaji configures the sidecar.
 */
class KubeApiServerEgressIT {

  private static final String NODE = "node-1";

  @TempDir static Path dir;
  static TestPki pki;
  static KubeApiServer kube;
  static KubeletStandIn kubelet;
  static ProxyServer server;
  static UpstreamAgent agent;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(dir.resolve("pki"));
    Path socket = dir.resolve("konnectivity-server.socket");
    kube = KubeApiServer.start(dir.resolve("kube"), pki, socket);
    kubelet = new KubeletStandIn(pki);

    kube.kubectl("-n", "kube-system", "create", "serviceaccount", "konnectivity-agent");
    // No controller-manager runs here; pods need the namespace's default service account.
    kube.kubectl("-n", "default", "create", "serviceaccount", "default");
    Path token = dir.resolve("konnectivity-agent-token");
    Files.writeString(
        token,
        kube.kubectl(
                "-n",
                "kube-system",
                "create",
                "token",
                "konnectivity-agent",
                "--audience=system:konnectivity-server")
            .strip());

    ServerOptions options =
        ServerOptions.parse(
            List.of(
                "--uds-name=" + socket,
                "--cluster-cert=" + pki.serverCert,
                "--cluster-key=" + pki.serverKey,
                "--mode=grpc",
                "--server-port=0",
                "--agent-port=0",
                "--agent-bind-address=127.0.0.1",
                "--admin-port=0",
                "--health-port=0",
                "--health-bind-address=127.0.0.1",
                "--agent-namespace=kube-system",
                "--agent-service-account=konnectivity-agent",
                "--kubeconfig=" + kube.kubeconfig,
                "--authentication-audience=system:konnectivity-server",
                "--server-count=1"));
    server = ServerMain.start(options, LeaseController.Timing.UPSTREAM);
    agent =
        new UpstreamAgent(
            Upstream.konnectivity(),
            pki,
            server.agentPort(),
            "agent-node-1",
            dir.resolve("agent.log"),
            "--service-account-token-path=" + token);
    agent.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> server.backends().list().size() == 1);

    kube.kubectl("create", "-f", writeNode(dir.resolve("node.json"), kubelet.port()).toString());
    kube.kubectl(
        "patch",
        "node",
        NODE,
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
            + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
            + kubelet.port()
            + "}}}}");
  }

  private static Path writeNode(Path file, int port) throws Exception {
    Files.writeString(
        file,
        "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\""
            + NODE
            + "\"},\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
            + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":"
            + port
            + "}}}}");
    return file;
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {agent, server, kubelet, kube}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
  }

  /** kube-apiserver refuses node/proxy to loopback addresses; pod logs have no such check. */
  private static void createPod(String name) throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.writeString(
        file,
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\"default\"},\"spec\":{\"nodeName\":\""
            + NODE
            + "\",\"automountServiceAccountToken\":false,"
            + "\"containers\":[{\"name\":\"c\",\"image\":\"none\"}]}}");
    kube.kubectl("create", "-f", file.toString());
  }

  @Test
  void podLogsReachTheKubeletThroughOurServer() throws Exception {
    createPod("hello");
    double before = agentDataPackets();
    String body = kube.kubectl("logs", "-n", "default", "hello");
    assertThat(body).isEqualTo("kubelet stand-in: /containerLogs/default/hello/c\n");
    // kube-apiserver keeps kubelet connections alive, so count relayed data rather than dials.
    assertThat(agentDataPackets()).isGreaterThan(before);
  }

  @Test
  void largeLogsArriveIntact() throws Exception {
    int size = 8 << 20;
    createPod("bytes-" + size);
    String body = kube.kubectl("logs", "-n", "default", "bytes-" + size);
    assertThat(body).hasSize(size);
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      if (bytes[i] != KubeletStandIn.textPattern(i)) {
        throw new AssertionError("byte " + i + " differs");
      }
    }
  }

  private static double agentDataPackets() {
    return server.metrics().streamPackets.labels("from_agent", "DATA").get();
  }

  @Test
  void tokenWithTheWrongAudienceIsRejected() throws Exception {
    Path wrong = dir.resolve("wrong-token");
    Files.writeString(
        wrong,
        kube.kubectl(
                "-n", "kube-system", "create", "token", "konnectivity-agent", "--audience=other")
            .strip());
    Path log = dir.resolve("wrong-agent.log");
    try (UpstreamAgent bad =
        new UpstreamAgent(
            Upstream.konnectivity(),
            pki,
            server.agentPort(),
            "agent-wrong",
            log,
            "--service-account-token-path=" + wrong)) {
      bad.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              // The stream ends before any response header; the upstream agent reports that.
              () -> assertThat(Files.readString(log)).contains("expected one server ID"));
      assertThat(server.backends().list())
          .extracting(Backend::agentId)
          .containsOnly("agent-node-1");
    }
  }
}
