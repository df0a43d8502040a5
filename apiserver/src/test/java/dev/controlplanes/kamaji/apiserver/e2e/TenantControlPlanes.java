package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The steps the run proofs share: a loopback-only TenantControlPlane manifest, waiting for it, and
 * reading back what the controllers generated (Deployment, Secrets, ConfigMaps, kubeconfigs) with
 * the management cluster's kubectl.
 */
final class TenantControlPlanes {

  static final String CONTROL_PLANE_VERSION = "v1.34.10";

  private final Kubectl kubectl;

  TenantControlPlanes(Kubectl management) {
    this.kubectl = management;
  }

  /**
   * A TenantControlPlane whose components bind only to 127.0.0.1 on free ports: the flags a user
   * would pass to run the control plane beside other processes on one host. Everything else is what
   * the controllers generate.
   *
   * @param addons the JSON of {@code spec.addons}, or null for none
   */
  static String manifest(String ns, String name, String dataStore, int apiPort, String addons)
      throws IOException {
    return """
        {"apiVersion": "kamaji.clastix.io/v1alpha1", "kind": "TenantControlPlane",
         "metadata": {"name": "%s", "namespace": "%s"},
         "spec": {
           "dataStore": "%s",
           "controlPlane": {
             "deployment": {
               "replicas": 1,
               "extraArgs": {
                 "apiServer": ["--bind-address=127.0.0.1"],
                 "controllerManager": ["--bind-address=127.0.0.1", "--secure-port=%d"],
                 "scheduler": ["--bind-address=127.0.0.1", "--secure-port=%d"]}},
             "service": {"serviceType": "ClusterIP"}},
           "networkProfile": {"address": "127.0.0.1", "port": %d},
           "kubernetes": {"version": "%s", "kubelet": {"cgroupfs": "systemd"}}%s}}
        """
        .formatted(
            name,
            ns,
            dataStore,
            freePort(),
            freePort(),
            apiPort,
            CONTROL_PLANE_VERSION,
            addons == null ? "" : ",\n   \"addons\": " + addons);
  }

  /** Creates the SQL DataStore {@code name} ({@code driver}) on {@code server}, admin login. */
  void createSqlDataStore(String name, String driver, DataStoreEndpoint server) {
    kubectl
        .run(
            Map.of(),
            """
            {"apiVersion": "kamaji.clastix.io/v1alpha1", "kind": "DataStore",
             "metadata": {"name": "%s"},
             "spec": {"driver": "%s", "endpoints": ["%s"],
                      "basicAuth": {"username": {"content": "%s"},
                                    "password": {"content": "%s"}}}}
            """
                .formatted(
                    name,
                    driver,
                    server.endpoints().get(0),
                    base64(server.basicAuth().username()),
                    base64(server.basicAuth().password())),
            "apply",
            "-f",
            "-")
        .assertOk();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  void awaitReady(String ns, String name) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(state(ns, name)).isEqualTo("Ready"));
  }

  /** {@code status.kubernetesResources.version.status}; empty while there is none. */
  String state(String ns, String name) {
    return kubectl
        .run(
            "get",
            "tcp",
            name,
            "-n",
            ns,
            "-o",
            "jsonpath={.status.kubernetesResources.version.status}")
        .stdout();
  }

  /**
   * A kubectl for the tenant with a kubeconfig from the subresource ({@code user=...}; empty for
   * the subresource's default).
   */
  Kubectl tenantKubectl(String ns, String name, Path dir, String user) throws IOException {
    String kubeconfig =
        kubectl
            .run(
                "get",
                "--raw",
                "/apis/kamaji.clastix.io/v1alpha1/namespaces/"
                    + ns
                    + "/tenantcontrolplanes/"
                    + name
                    + "/kubeconfig"
                    + (user.isEmpty() ? "" : "?user=" + user))
            .assertOk()
            .stdout();
    Path file = dir.resolve((user.isEmpty() ? "default" : user) + ".kubeconfig");
    Files.writeString(file, kubeconfig);
    return new Kubectl(file, dir.resolve("tenant-kubectl-cache"));
  }

  static void awaitServing(Kubectl tenant, TenantControlPlaneProcesses processes) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(processes.alive()).as(processes.log("kube-apiserver")).isTrue();
              assertThat(tenant.run("get", "--raw", "/readyz").exitCode()).isZero();
            });
  }

  JsonObject tcp(String ns, String name) {
    return JsonParser.parseString(
            kubectl.run("get", "tcp", name, "-n", ns, "-o", "json").assertOk().stdout())
        .getAsJsonObject();
  }

  V1Deployment deployment(String ns, String name) {
    return JSON.deserialize(
        kubectl.run("get", "deployment", name, "-n", ns, "-o", "json").assertOk().stdout(),
        V1Deployment.class);
  }

  Map<String, V1Secret> secrets(String ns) {
    V1SecretList list =
        JSON.deserialize(
            kubectl.run("get", "secrets", "-n", ns, "-o", "json").assertOk().stdout(),
            V1SecretList.class);
    return list.getItems().stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
  }

  Map<String, V1ConfigMap> configMaps(String ns) {
    V1ConfigMapList list =
        JSON.deserialize(
            kubectl.run("get", "configmaps", "-n", ns, "-o", "json").assertOk().stdout(),
            V1ConfigMapList.class);
    return list.getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
