package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.konnectivity.agent.AgentOptions;
import dev.controlplanes.kamaji.konnectivity.agent.ProxyAgent;
import dev.controlplanes.kamaji.konnectivity.testing.KubeApiServer;
import dev.controlplanes.kamaji.konnectivity.testing.Ports;
import dev.controlplanes.kamaji.konnectivity.testing.RoundRobinProxy;
import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease-based server counting against a real kube-apiserver: our server publishes, renews, collects
 * and removes Leases as upstream's lease controller does, the upstream agent counts our servers'
 * Leases, and our agent counts the Leases of the upstream server and ours. Every server here says
 * {@code servercount: 1}, so an agent holding two streams has counted Leases.
 */
class LeaseCountingIT {

  private static final String NAMESPACE = "kube-system";
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  @TempDir static Path dir;
  private static TestPki pki;
  private static KubeApiServer kube;

  @BeforeAll
  static void startCluster() throws Exception {
    pki = TestPki.create(dir.resolve("pki"));
    kube = KubeApiServer.start(dir.resolve("kube"), pki, dir.resolve("unused-egress.sock"));
  }

  @AfterAll
  static void stopCluster() {
    if (kube != null) {
      kube.close();
    }
  }

  private static String label(String suite) {
    return "k8s-app=konnectivity-server,suite=" + suite;
  }

  private static ServerOptions ours(String id, String suite) {
    return ServerOptions.parse(
        ServerArgs.loopback(
            pki,
            dir.resolve(id + ".sock"),
            "--server-id=" + id,
            "--server-count=1",
            "--enable-lease-controller",
            "--kubeconfig=" + kube.kubeconfig,
            "--lease-label=" + label(suite)));
  }

  @Test
  void ourServerHoldsItsLeaseAndCollectsExpiredOnes() throws Exception {
    String suite = "controller";
    createLease("expired", label(suite), Instant.now().minusSeconds(300), 30);
    createLease("expired-elsewhere", label("other"), Instant.now().minusSeconds(300), 30);
    createLease("held", label(suite), Instant.now(), 3600);

    LeaseController.Timing fast =
        new LeaseController.Timing(
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1));
    ProxyServer server = ServerMain.start(ours("java-one", suite), fast);
    try {
      String name = "konnectivity-proxy-server-java-one";
      await().atMost(Duration.ofSeconds(20)).until(() -> lease(name) != null);
      JsonObject lease = lease(name);
      JsonObject spec = lease.getAsJsonObject("spec");
      assertThat(spec.get("holderIdentity").getAsString()).isEqualTo("java-one");
      assertThat(spec.get("leaseDurationSeconds").getAsInt()).isEqualTo(30);
      assertThat(lease.getAsJsonObject("metadata").getAsJsonObject("labels").toString())
          .isEqualTo("{\"k8s-app\":\"konnectivity-server\",\"suite\":\"controller\"}");
      String firstRenewal = spec.get("renewTime").getAsString();
      assertThat(firstRenewal).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  !lease(name)
                      .getAsJsonObject("spec")
                      .get("renewTime")
                      .getAsString()
                      .equals(firstRenewal));

      // Only the expired Lease with our labels goes; the held one and another group's stay.
      await().atMost(Duration.ofSeconds(20)).until(() -> lease("expired") == null);
      assertThat(lease("expired-elsewhere")).isNotNull();
      assertThat(lease("held")).isNotNull();
      assertThat(metrics(server.adminPort()))
          .contains("konnectivity_network_proxy_server_culled_leases_count 1.0")
          .contains(
              "konnectivity_network_proxy_server_lease_delete_total{http_status_code=\"200\"");
    } finally {
      server.close();
    }
    assertThat(lease("konnectivity-proxy-server-java-one")).isNull();
  }

  @Test
  void upstreamAgentFollowsOurServersLeasesThroughAScaleUp() throws Exception {
    String suite = "upstream-agent";
    ServerOptions thirdOptions = ours("java-c", suite);
    try (ProxyServer a = ServerMain.start(ours("java-a", suite), LeaseController.Timing.UPSTREAM);
        ProxyServer b = ServerMain.start(ours("java-b", suite), LeaseController.Timing.UPSTREAM);
        RoundRobinProxy lb =
            new RoundRobinProxy(List.of(a.agentPort(), b.agentPort(), thirdOptions.agentPort()));
        UpstreamAgent agent =
            new UpstreamAgent(
                    Upstream.konnectivity(),
                    pki,
                    lb.port(),
                    "lease-agent",
                    dir.resolve("upstream-agent.log"),
                    "--count-server-leases",
                    "--kubeconfig=" + kube.kubeconfig,
                    "--lease-label=" + label(suite))
                .start()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> a.backends().list().size() == 1 && b.backends().list().size() == 1);

      // A third server comes up: its Lease, not any header, tells the agent to look for it.
      try (ProxyServer c = ServerMain.start(thirdOptions, LeaseController.Timing.UPSTREAM)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> c.backends().list().size() == 1);
        assertThat(a.backends().list()).hasSize(1);
        assertThat(b.backends().list()).hasSize(1);
      }
      assertThat(lease("konnectivity-proxy-server-java-c")).isNull();
      assertThat(lease("konnectivity-proxy-server-java-a")).isNotNull();
    }
  }

  @Test
  void ourAgentCountsTheLeasesOfTheUpstreamServerAndOurs() throws Exception {
    String suite = "java-agent";
    Path bin = Upstream.konnectivity();
    try (ProxyServer ours =
            ServerMain.start(ours("java-c", suite), LeaseController.Timing.UPSTREAM);
        UpstreamServer upstream =
            new UpstreamServer(
                bin,
                pki,
                dir.resolve("upstream.sock"),
                dir.resolve("upstream-server.log"),
                Ports.free(),
                "--server-id=upstream-c",
                "--enable-lease-controller",
                "--kubeconfig=" + kube.kubeconfig,
                "--lease-label=" + label(suite));
        RoundRobinProxy lb = new RoundRobinProxy(List.of(ours.agentPort(), upstream.agentPort));
        ProxyAgent agent = ProxyAgent.start(javaAgent(lb.port(), suite))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lease("konnectivity-proxy-server-upstream-c") != null);
      await().atMost(Duration.ofSeconds(60)).until(() -> agent.openServerConnections() == 2);
      assertThat(ours.backends().list()).hasSize(1);
      assertThat(lease("konnectivity-proxy-server-java-c")).isNotNull();
      assertThat(metrics(agent.healthPort()))
          .contains("konnectivity_network_proxy_agent_known_server_count 2.0")
          .contains("konnectivity_network_proxy_agent_lease_lists_total{http_response_code=\"200\"")
          .contains(
              "konnectivity_network_proxy_agent_lease_watches_total{http_response_code=\"200\"")
          .contains(
              "konnectivity_network_proxy_agent_lease_list_latency_seconds_count{http_response_code=\"200\"");
    }
  }

  private static AgentOptions javaAgent(int port, String suite) {
    return AgentOptions.parse(
        List.of(
            "--ca-cert=" + pki.caCert,
            "--proxy-server-host=127.0.0.1",
            "--proxy-server-port=" + port,
            "--health-server-host=127.0.0.1",
            "--health-server-port=0",
            "--admin-server-port=0",
            "--agent-id=java-lease-agent",
            "--sync-interval=200ms",
            "--count-server-leases",
            "--kubeconfig=" + kube.kubeconfig,
            "--lease-label=" + label(suite)));
  }

  private static void createLease(String name, String labels, Instant renewed, int seconds)
      throws Exception {
    apply(leaseJson(name, labels, MICRO_TIME.format(renewed), seconds));
  }

  private static String leaseJson(String name, String labels, String renewTime, int seconds) {
    List<String> pairs = new ArrayList<>();
    for (String pair : labels.split(",")) {
      String[] kv = pair.split("=");
      pairs.add("\"" + kv[0] + "\":\"" + kv[1] + "\"");
    }
    return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + NAMESPACE
        + "\",\"labels\":{"
        + String.join(",", pairs)
        + "}},\"spec\":{\"holderIdentity\":\""
        + name
        + "\",\"leaseDurationSeconds\":"
        + seconds
        + ",\"renewTime\":\""
        + renewTime
        + "\"}}";
  }

  private static void apply(String json) throws Exception {
    Path file = Files.createTempFile(dir, "lease", ".json");
    Files.writeString(file, json);
    kube.kubectl("create", "-f", file.toString());
  }

  /** The Lease as JSON, or null when there is none. */
  private static JsonObject lease(String name) throws Exception {
    String out =
        kube.kubectl("get", "lease", "-n", NAMESPACE, name, "-o", "json", "--ignore-not-found");
    return out.isBlank() ? null : JsonParser.parseString(out).getAsJsonObject();
  }

  private static String metrics(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
