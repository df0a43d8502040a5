package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.OciContainer;
import dev.controlplanes.kamaji.konnectivity.server.ServerMain;
import dev.controlplanes.kamaji.konnectivity.testing.KubeletStandIn;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that the controllers' konnectivity sidecar can be our Java proxy: a TenantControlPlane with
 * the konnectivity addon is provisioned in the local management cluster, its generated Deployment
 * runs with exactly the generated command lines, egress selector configuration and kubeconfig:
 * kube-apiserver, controller-manager and scheduler as processes, and the {@code
 * konnectivity-server} container from our konnectivity-proxy image ({@code hack/image/build.sh},
 * entrypoint {@code /proxy-server}, which starts our {@link ServerMain}) as a container, by runc.
 * The upstream {@code proxy-agent} connects to the sidecar with a service-account token the sidecar
 * checks by TokenReview against the tenant, and {@code kubectl logs} through the tenant reaches an
 * HTTPS kubelet stand-in only through sidecar and agent.
 */
class KonnectivitySidecarE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  /** Kamaji's fixed ports of the sidecar (the agent port comes from the spec). */
  private static final int ADMIN_PORT = 8133;

  private static final int HEALTH_PORT = 8134;

  /** Unix socket paths (sun_path) hold at most 107 bytes and a NUL. */
  private static final int MAX_SOCKET_PATH = 107;

  private static final String NODE = "sidecar-node";

  private static LocalCluster cluster;
  private static Kubectl kubectl;
  private static TenantControlPlanes tcps;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
    tcps = new TenantControlPlanes(kubectl);
  }

  @Test
  void kubeApiServerReachesAKubeletThroughOurSidecarAndTheUpstreamAgent(@TempDir Path dir)
      throws Exception {
    Path socket = dir.resolve("volumes/konnectivity-uds/konnectivity-server.socket");
    assertThat(socket.toString().getBytes(StandardCharsets.UTF_8).length)
        .as("unix socket path %s (set java.io.tmpdir to a shorter directory)", socket)
        .isLessThanOrEqualTo(MAX_SOCKET_PATH);
    assertFree(ADMIN_PORT);
    assertFree(HEALTH_PORT);

    String ns = "sidecar-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.run("create", "namespace", ns).assertOk();
    int apiPort = TenantControlPlanes.freePort();
    int agentPort = TenantControlPlanes.freePort();
    // Loopback binds for the sidecar's listeners; Kamaji's own flags (ports, socket, kubeconfig,
    // authentication) win over extraArgs and are what the test runs.
    String addons =
        """
        {"konnectivity": {"server": {"port": %d, "extraArgs": [
            "--agent-bind-address=127.0.0.1", "--health-bind-address=127.0.0.1",
            "--admin-bind-address=127.0.0.1"]}}}
        """
            .formatted(agentPort);
    kubectl
        .run(
            Map.of(),
            TenantControlPlanes.manifest(ns, "sidecar", "default", apiPort, addons),
            "apply",
            "-f",
            "-")
        .assertOk();
    tcps.awaitReady(ns, "sidecar");

    V1Deployment deployment = tcps.deployment(ns, "sidecar");
    V1Container sidecar = container(deployment, "konnectivity-server");
    assertThat(sidecar.getCommand()).containsExactly("/proxy-server");
    Map<String, V1Secret> secrets = tcps.secrets(ns);
    // The sidecar runs from our image (what --konnectivity-image would name), by runc: its
    // entrypoint is the generated command, and it gets the generated arguments and mounts.
    Path image = OciContainer.image("konnectivity-proxy");
    try (TenantControlPlaneProcesses processes =
        TenantControlPlaneProcesses.start(
            deployment,
            secrets,
            tcps.configMaps(ns),
            List.of(cluster.upstream("kubernetes")),
            dir,
            List.of(
                "kube-apiserver",
                "kube-controller-manager",
                "kube-scheduler",
                "konnectivity-server"),
            Map.of("konnectivity-server", image))) {
      Kubectl tenant = tcps.tenantKubectl(ns, "sidecar", dir, "super-admin");
      TenantControlPlanes.awaitServing(tenant, processes);

      // The sidecar is ours (the slow-frontend counter has no upstream equivalent), healthy, and
      // not ready while no agent is connected.
      // Until the sidecar's JVM listens, connections are refused: that is waiting, not failing.
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptionsInstanceOf(ConnectException.class)
          .untilAsserted(
              () ->
                  assertThat(get(HEALTH_PORT, "/healthz"))
                      .as(processes.log("konnectivity-server"))
                      .isEqualTo(new Reply(200, "ok")));
      assertThat(get(HEALTH_PORT, "/readyz").status()).isEqualTo(500);
      assertThat(get(ADMIN_PORT, "/metrics").body())
          .contains("konnectivity_network_proxy_server_slow_frontend_closes_total");
      assertThat(Files.exists(socket))
          .as("the sidecar's socket where kube-apiserver looks")
          .isTrue();

      List<String> agentArgs = tenantSideOfTheAddon(tenant);
      Path token = agentToken(tenant, dir);
      Path ca = dir.resolve("tenant-ca.crt");
      Files.write(ca, secrets.get("sidecar-ca").getData().get("ca.crt"));

      TestPki kubeletPki = TestPki.create(dir.resolve("kubelet-pki"));
      try (KubeletStandIn kubelet = new KubeletStandIn(kubeletPki)) {
        createNode(tenant, kubelet.port());
        createPod(tenant, "hello");
        // Without an agent the kubelet is out of reach: kube-apiserver dials through the sidecar.
        Kubectl.Result unreachable = tenant.run("logs", "-n", "default", "hello");
        assertThat(unreachable.exitCode()).isNotZero();
        assertThat(unreachable.stderr()).contains("No agent available");

        Process agent =
            startAgent(agentArgs, agentPort, ca, token, dir.resolve("logs/proxy-agent.log"));
        try {
          await()
              .atMost(Duration.ofSeconds(60))
              .untilAsserted(
                  () ->
                      assertThat(get(HEALTH_PORT, "/readyz").status())
                          .as(
                              "agent: %s%nsidecar: %s",
                              Files.readString(dir.resolve("logs/proxy-agent.log")),
                              processes.log("konnectivity-server"))
                          .isEqualTo(200));
          assertThat(metric("konnectivity_network_proxy_server_ready_backend_connections"))
              .isEqualTo(1.0);

          double dataBefore = agentDataPackets();
          String logs = tenant.run("logs", "-n", "default", "hello").assertOk().stdout();
          assertThat(logs).isEqualTo("kubelet stand-in: /containerLogs/default/hello/c\n");
          // The bytes came back from the agent over the sidecar's agent stream.
          assertThat(agentDataPackets()).isGreaterThan(dataBefore);

          // Megabytes through kube-apiserver, sidecar and agent, byte for byte.
          int size = 4 << 20;
          createPod(tenant, "bytes-" + size);
          byte[] big =
              tenant
                  .run("logs", "-n", "default", "bytes-" + size)
                  .assertOk()
                  .stdout()
                  .getBytes(StandardCharsets.US_ASCII);
          assertThat(big).hasSize(size);
          for (int i = 0; i < size; i++) {
            if (big[i] != KubeletStandIn.textPattern(i)) {
              throw new AssertionError("byte " + i + " differs");
            }
          }
          assertThat(agent.isAlive()).isTrue();
          assertThat(processes.alive()).as(processes.log("konnectivity-server")).isTrue();
        } finally {
          stop(agent);
        }
      }

      // A change of mode replaces the agents' DaemonSet with a Deployment, and back, and the
      // status records the mode.
      switchAgentMode(ns, "Deployment");
      awaitTenantObject(tenant, "deployment", true);
      awaitTenantObject(tenant, "daemonset", false);
      awaitAgentModeStatus(ns, "Deployment");
      switchAgentMode(ns, "DaemonSet");
      awaitTenantObject(tenant, "daemonset", true);
      awaitTenantObject(tenant, "deployment", false);
      awaitAgentModeStatus(ns, "DaemonSet");
      // A Deployment of that name without Kamaji's project label is the user's: the removal, which
      // its creation triggers again through the tenant-side watches, leaves it alone.
      tenant
          .run(
              "-n",
              "kube-system",
              "create",
              "deployment",
              "konnectivity-agent",
              "--image=registry.invalid/users-own-agent:v1")
          .assertOk();
      Thread.sleep(Duration.ofSeconds(5).toMillis());
      tenant.run("-n", "kube-system", "get", "deployment", "konnectivity-agent").assertOk();
    }

    kubectl.run("delete", "tcp", "sidecar", "-n", ns, "--wait=true", "--timeout=120s").assertOk();
    kubectl.run("delete", "namespace", ns, "--wait=false").assertOk();
  }

  /**
   * The upstream agent with the arguments of the agents' DaemonSet that our controllers made in the
   * tenant, where the pod's paths are this test's files, its ports are free ones on loopback, and
   * the sidecar is found on loopback (its address in the generated arguments is the tenant's
   * Service address, which the test does not route).
   */
  private static Process startAgent(
      List<String> generated, int serverPort, Path ca, Path token, Path log) throws IOException {
    assertThat(generated)
        .contains(
            "-v=8",
            "--logtostderr=true",
            "--ca-cert=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
            "--proxy-server-port=" + serverPort,
            "--service-account-token-path=/var/run/secrets/tokens/konnectivity-agent-token",
            "--admin-server-port=8133",
            "--health-server-port=8134")
        .anyMatch(arg -> arg.startsWith("--proxy-server-host="));
    List<String> command = new ArrayList<>();
    command.add(cluster.upstream("konnectivity").resolve("proxy-agent").toString());
    for (String arg : generated) {
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      command.add(
          switch (flag) {
            case "--ca-cert" -> "--ca-cert=" + ca;
            case "--service-account-token-path" -> "--service-account-token-path=" + token;
            case "--proxy-server-host" -> "--proxy-server-host=127.0.0.1";
            case "--admin-server-port" -> "--admin-server-port=" + TenantControlPlanes.freePort();
            case "--health-server-port" -> "--health-server-port=" + TenantControlPlanes.freePort();
            default -> arg;
          });
    }
    command.add("--health-server-host=127.0.0.1");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * The tenant side of the addon, as our controllers make it once the tenant answers: the agents'
   * ServiceAccount, TokenReview rights for the sidecar's user, and the agents' DaemonSet, whose
   * container arguments are returned.
   */
  private static List<String> tenantSideOfTheAddon(Kubectl tenant) {
    AtomicReference<String> daemonSet = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Kubectl.Result result =
                  tenant.run(
                      "-n", "kube-system", "get", "daemonset", "konnectivity-agent", "-o", "json");
              assertThat(result.exitCode()).as(result.stderr()).isZero();
              daemonSet.set(result.stdout());
            });
    tenant.run("-n", "kube-system", "get", "serviceaccount", "konnectivity-agent").assertOk();
    String binding =
        tenant
            .run("get", "clusterrolebinding", "system:konnectivity-server", "-o", "json")
            .assertOk()
            .stdout();
    assertThat(binding).contains("system:auth-delegator");
    JsonObject container =
        JsonParser.parseString(daemonSet.get())
            .getAsJsonObject()
            .getAsJsonObject("spec")
            .getAsJsonObject("template")
            .getAsJsonObject("spec")
            .getAsJsonArray("containers")
            .get(0)
            .getAsJsonObject();
    List<String> args = new ArrayList<>();
    container.getAsJsonArray("args").forEach(a -> args.add(a.getAsString()));
    return args;
  }

  private static void switchAgentMode(String ns, String mode) {
    kubectl
        .run(
            "patch",
            "tcp",
            "sidecar",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"spec\":{\"addons\":{\"konnectivity\":{\"agent\":{\"mode\":\"" + mode + "\"}}}}}")
        .assertOk();
  }

  private static void awaitAgentModeStatus(String ns, String mode) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        kubectl
                            .run(
                                "get",
                                "tcp",
                                "sidecar",
                                "-n",
                                ns,
                                "-o",
                                "jsonpath={.status.addons.konnectivity.agent.mode}")
                            .assertOk()
                            .stdout())
                    .isEqualTo(mode));
  }

  /** Waits until the agents' object of {@code kind} exists in the tenant, or is gone. */
  private static void awaitTenantObject(Kubectl tenant, String kind, boolean present) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Kubectl.Result get =
                  tenant.run("-n", "kube-system", "get", kind, "konnectivity-agent");
              if (present) {
                assertThat(get.exitCode()).as(get.stderr()).isZero();
              } else {
                assertThat(get.stderr()).contains("NotFound");
              }
            });
  }

  /** A token of the agents' ServiceAccount, as their projected volume would hold it. */
  private static Path agentToken(Kubectl tenant, Path dir) throws IOException {
    Path token = dir.resolve("konnectivity-agent-token");
    writePrivate(
        token,
        tenant
            .run(
                "-n",
                "kube-system",
                "create",
                "token",
                "konnectivity-agent",
                "--audience=system:konnectivity-server")
            .assertOk()
            .stdout()
            .strip());
    return token;
  }

  /** A Node whose kubelet is the stand-in on 127.0.0.1. */
  private static void createNode(Kubectl tenant, int kubeletPort) {
    String status =
        """
        {"addresses": [{"type": "InternalIP", "address": "127.0.0.1"}],
         "daemonEndpoints": {"kubeletEndpoint": {"Port": %d}}}
        """
            .formatted(kubeletPort);
    tenant
        .run(
            Map.of(),
            """
            {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "%s"}, "status": %s}
            """
                .formatted(NODE, status),
            "create",
            "-f",
            "-")
        .assertOk();
    tenant
        .run(
            "patch",
            "node",
            NODE,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\": " + status + "}")
        .assertOk();
  }

  /**
   * A Pod bound to the stand-in's Node (a pod named {@code bytes-N} logs N bytes). kube-apiserver
   * refuses node/proxy to loopback addresses; pod logs have no such check.
   */
  private static void createPod(Kubectl tenant, String name) {
    // Pods need their namespace's default service account, made by the controller-manager.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> tenant.run("-n", "default", "get", "serviceaccount", "default").exitCode() == 0);
    tenant
        .run(
            Map.of(),
            """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "%s", "namespace": "default"},
             "spec": {"nodeName": "%s", "automountServiceAccountToken": false,
                      "containers": [{"name": "c", "image": "none"}]}}
            """
                .formatted(name, NODE),
            "create",
            "-f",
            "-")
        .assertOk();
  }

  private static V1Container container(V1Deployment deployment, String name) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  private record Reply(int status, String body) {}

  private Reply get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body().strip());
  }

  private double agentDataPackets() throws IOException, InterruptedException {
    return metric(
        "konnectivity_network_proxy_server_stream_packets_total"
            + "{segment=\"from_agent\",packet_type=\"DATA\",}");
  }

  /** One sample of the sidecar's metrics (health port), 0 when absent. */
  private double metric(String sample) throws IOException, InterruptedException {
    Matcher value =
        Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$")
            .matcher(get(HEALTH_PORT, "/metrics").body());
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  private static void assertFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
    } catch (IOException e) {
      throw new AssertionError("port " + port + " (Kamaji's fixed sidecar port) is in use", e);
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
