package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TenantControlPlane exposed through a Gateway, in the local management cluster with the Gateway
 * API's CRDs (v1.5.1, from the Go module proxy): the controllers make its TLSRoutes, wait for a
 * Gateway to accept them, record the routes' parents and access points, and remove the routes when
 * the gateway goes. No Gateway controller runs here: the test writes the Gateway's and the routes'
 * status as one would.
 */
class GatewayE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final String HOSTNAME = "tenant.gateway.example.test";

  private static LocalCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
  }

  private static JsonObject json(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-o";
    all[args.length + 1] = "json";
    return JsonParser.parseString(kubectl.run(all).assertOk().stdout()).getAsJsonObject();
  }

  @Test
  void routesAreMadeRecordedWhenAcceptedAndRemovedWithTheGateway() throws InterruptedException {
    String ns = "e2e-gw-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.run("create", "namespace", ns).assertOk();
    kubectl
        .run(
            Map.of(),
            """
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
             "metadata": {"name": "shared", "namespace": "%s"},
             "spec": {"gatewayClassName": "example",
                      "listeners": [
                        {"name": "api", "port": 6443, "protocol": "TLS",
                         "tls": {"mode": "Passthrough"}},
                        {"name": "konnectivity-server", "port": 8132, "protocol": "TLS",
                         "tls": {"mode": "Passthrough"}}]}}
            """
                .formatted(ns),
            "create",
            "-f",
            "-")
        .assertOk();
    JsonObject tcp = Samples.tcp(ns, "exposed");
    JsonObject controlPlane = tcp.getAsJsonObject("spec").getAsJsonObject("controlPlane");
    controlPlane.getAsJsonObject("service").addProperty("serviceType", "ClusterIP");
    controlPlane.add(
        "gateway",
        JsonParser.parseString(
            "{\"hostname\": \"" + HOSTNAME + "\", \"parentRefs\": [{\"name\": \"shared\"}]}"));
    kubectl.run(Map.of(), tcp.toString(), "create", "-f", "-").assertOk();

    // The API port's route comes first; like Kamaji, the pass stops there until a Gateway takes
    // it, so the TCP has no access point and is not Ready.
    awaitRoute(ns, "exposed");
    JsonObject api = json("get", "tlsroute", "exposed", "-n", ns).getAsJsonObject("spec");
    assertThat(api.getAsJsonArray("hostnames").toString()).isEqualTo("[\"" + HOSTNAME + "\"]");
    assertThat(api.getAsJsonArray("rules").toString())
        .isEqualTo(
            "[{\"backendRefs\":[{\"group\":\"\",\"kind\":\"Service\",\"name\":\"exposed\","
                + "\"port\":6443,\"weight\":1}]}]");
    assertThat(
            json("get", "tlsroute", "exposed", "-n", ns)
                .getAsJsonObject("metadata")
                .getAsJsonArray("ownerReferences")
                .get(0)
                .getAsJsonObject()
                .get("kind")
                .getAsString())
        .isEqualTo("TenantControlPlane");
    Thread.sleep(2_000);
    assertThat(kubectl.run("get", "tlsroute", "exposed-konnectivity", "-n", ns).stderr())
        .contains("NotFound");
    assertThat(status(ns).getAsJsonObject("kubernetesResources").has("gateway")).isFalse();

    // A Gateway controller's work: the Gateway is programmed, the route accepted. Then comes the
    // konnectivity route, on the Gateway's konnectivity listener, accepted in turn.
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    kubectl
        .run(
            "patch",
            "gateway",
            "shared",
            "-n",
            ns,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\": {\"conditions\": [" + condition("Programmed", now) + "]}}")
        .assertOk();
    accept(ns, "exposed", "{\"name\": \"shared\"}", now);
    awaitRoute(ns, "exposed-konnectivity");
    JsonObject parent =
        json("get", "tlsroute", "exposed-konnectivity", "-n", ns)
            .getAsJsonObject("spec")
            .getAsJsonArray("parentRefs")
            .get(0)
            .getAsJsonObject();
    assertThat(parent.get("sectionName").getAsString()).isEqualTo("konnectivity-server");
    assertThat(parent.get("port").getAsInt()).isEqualTo(8132);
    accept(
        ns,
        "exposed-konnectivity",
        "{\"name\": \"shared\", \"sectionName\": \"konnectivity-server\", \"port\": 8132}",
        now);

    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonObject status = status(ns);
              JsonObject gateway =
                  status.getAsJsonObject("kubernetesResources").getAsJsonObject("gateway");
              assertThat(gateway).isNotNull();
              assertThat(gateway.getAsJsonObject("routeRef").get("name").getAsString())
                  .isEqualTo("exposed");
              assertThat(gateway.getAsJsonArray("accessPoints"))
                  .isEqualTo(
                      accessPoints(
                          "[{\"type\":\"Hostname\",\"value\":\"https://"
                              + HOSTNAME
                              + ":6443\",\"port\":6443},"
                              + "{\"type\":\"Hostname\",\"value\":\"https://"
                              + HOSTNAME
                              + ":8132\",\"port\":8132}]"));
              assertThat(
                      status
                          .getAsJsonObject("addons")
                          .getAsJsonObject("konnectivity")
                          .getAsJsonObject("gateway")
                          .getAsJsonArray("accessPoints"))
                  .isEqualTo(
                      accessPoints(
                          "[{\"type\":\"Hostname\",\"value\":\"https://"
                              + HOSTNAME
                              + ":8132\",\"port\":8132}]"));
              assertThat(
                      status
                          .getAsJsonObject("kubernetesResources")
                          .getAsJsonObject("version")
                          .get("status")
                          .getAsString())
                  .isEqualTo("Ready");
            });

    // The tenant's kubeconfig points at the gateway's hostname, as kubeadm's control-plane
    // endpoint does (status.controlPlaneEndpoint stays the Service's address, as in Kamaji).
    assertThat(
            kubectl
                .run("get", "--raw", Samples.tcpPath(ns, "exposed", "kubeconfig"))
                .assertOk()
                .stdout())
        .contains("server: https://" + HOSTNAME + ":6443");

    // Converged: the routes are not rewritten by later passes.
    String routeVersion = resourceVersion(ns, "exposed");
    kubectl
        .run("annotate", "tcp", "exposed", "-n", ns, "e2e.example.test/nudge=" + now, "--overwrite")
        .assertOk();
    Thread.sleep(3_000); // the pass the annotation starts
    assertThat(resourceVersion(ns, "exposed")).isEqualTo(routeVersion);
    // ... nor is the recorded status (its conditions and access points compare equal): the
    // TenantControlPlane changes once, for the annotation, not again for the pass it starts.
    String tcpVersion =
        json("get", "tcp", "exposed", "-n", ns)
            .getAsJsonObject("metadata")
            .get("resourceVersion")
            .getAsString();
    kubectl
        .run("annotate", "tcp", "exposed", "-n", ns, "e2e.example.test/nudge=again", "--overwrite")
        .assertOk();
    String events =
        kubectl
            .run(
                "get",
                "--raw",
                Samples.tcps(ns)
                    + "?watch=true&fieldSelector=metadata.name%3Dexposed"
                    + "&resourceVersion="
                    + tcpVersion
                    + "&timeoutSeconds=4")
            .assertOk()
            .stdout();
    assertThat(events.split("\"type\":\"MODIFIED\"", -1).length - 1).as(events).isEqualTo(1);

    // Without the gateway the routes go, and so does their status.
    kubectl
        .run(
            "patch",
            "tcp",
            "exposed",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"spec\": {\"controlPlane\": {\"gateway\": null}}}")
        .assertOk();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(kubectl.run("get", "tlsroute", "exposed", "-n", ns).stderr())
                  .contains("NotFound");
              assertThat(kubectl.run("get", "tlsroute", "exposed-konnectivity", "-n", ns).stderr())
                  .contains("NotFound");
              assertThat(status(ns).getAsJsonObject("kubernetesResources").has("gateway"))
                  .isFalse();
            });

    kubectl.run("delete", "namespace", ns, "--wait=false").assertOk();
  }

  private static void awaitRoute(String ns, String name) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.run("get", "tlsroute", name, "-n", ns).exitCode() == 0);
  }

  /** Access points as JSON, compared without regard to key order (the server sorts keys). */
  private static com.google.gson.JsonArray accessPoints(String json) {
    return JsonParser.parseString(json).getAsJsonArray();
  }

  private static JsonObject status(String ns) {
    return json("get", "tcp", "exposed", "-n", ns).getAsJsonObject("status");
  }

  private static String resourceVersion(String ns, String route) {
    return json("get", "tlsroute", route, "-n", ns)
        .getAsJsonObject("metadata")
        .get("resourceVersion")
        .getAsString();
  }

  private static void accept(String ns, String route, String parentRef, String now) {
    kubectl
        .run(
            "patch",
            "tlsroute",
            route,
            "-n",
            ns,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\": {\"parents\": [{\"parentRef\": "
                + parentRef
                + ", \"controllerName\": \"example.test/gateway-controller\", \"conditions\": ["
                + condition("Accepted", now)
                + "]}]}}")
        .assertOk();
  }

  private static String condition(String type, String now) {
    return "{\"type\": \""
        + type
        + "\", \"status\": \"True\", \"reason\": \""
        + type
        + "\", \"message\": \"\", \"lastTransitionTime\": \""
        + now
        + "\", \"observedGeneration\": 1}";
  }
}
