package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.testing.PostgresServer;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that what the controllers generate really runs: a TenantControlPlane is provisioned by our
 * server in the local management cluster, then its generated Deployment is started as processes
 * (the pinned upstream kube-apiserver, kube-controller-manager and kube-scheduler) with exactly its
 * command lines and the generated Secrets as files, against the provisioned datastore. The tenant
 * kubeconfig comes from the {@code kubeconfig} subresource, as a user would fetch it.
 */
class TenantControlPlaneRunE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  private static final String CONTROL_PLANE_VERSION = "v1.34.10";

  private static LocalCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
  }

  @Test
  void theGeneratedControlPlaneServesTheTenantFromItsEtcdPrefix(@TempDir Path dir)
      throws Exception {
    String ns = "run-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.run("create", "namespace", ns).assertOk();
    int apiPort = freePort();
    kubectl
        .run(Map.of(), tenantControlPlane(ns, "proof", "default", apiPort), "apply", "-f", "-")
        .assertOk();
    awaitReady(ns, "proof");

    try (TenantControlPlaneProcesses processes =
        TenantControlPlaneProcesses.start(
            deployment(ns, "proof"),
            secrets(ns),
            configMaps(ns),
            List.of(cluster.upstream("kubernetes")),
            dir,
            List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler"))) {
      Kubectl tenant = tenantKubectl(ns, "proof", dir, "super-admin");
      awaitServing(tenant, processes);

      assertThat(tenant.run("get", "namespaces").assertOk().stdout())
          .contains("default", "kube-system");
      tenant.run("create", "namespace", "made-by-the-tenant").assertOk();

      // Once the control plane answers, the controllers' tenant-side phase binds admin.conf's
      // group (kubeadm:cluster-admins) to cluster-admin: the subresource's default kubeconfig
      // (user admin) then works, as kubeadm's admin.conf does.
      Kubectl admin = tenantKubectl(ns, "proof", dir, "");
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(admin.run("get", "namespaces").exitCode()).isZero());
      assertThat(admin.run("get", "namespaces").assertOk().stdout())
          .contains("made-by-the-tenant", "kube-system");
      assertThat(admin.run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").stdout())
          .isEqualTo("kubernetes-admin");
      assertThat(
              tenant
                  .run(
                      "get",
                      "clusterrolebinding",
                      "kubeadm:cluster-admins",
                      "-o",
                      "jsonpath={.roleRef.name} {.subjects[0].kind} {.subjects[0].name}")
                  .assertOk()
                  .stdout())
          .isEqualTo("cluster-admin Group kubeadm:cluster-admins");
      assertThat(
              tenant
                  .run(
                      "get",
                      "clusterrolebinding",
                      "kubeadm:apiserver-kubelet-client",
                      "-o",
                      "jsonpath={.roleRef.name} {.subjects[0].kind} {.subjects[0].name}")
                  .assertOk()
                  .stdout())
          .isEqualTo("system:kubelet-api-admin User kube-apiserver-kubelet-client");
      assertThat(
              tenant
                  .run(
                      "get",
                      "configmap",
                      "cluster-info",
                      "-n",
                      "kube-public",
                      "-o",
                      "jsonpath={.data.kubeconfig}")
                  .assertOk()
                  .stdout())
          .contains("server: https://127.0.0.1:" + apiPort, "certificate-authority-data: ");
      assertThat(
              tenant
                  .run(
                      "get",
                      "rolebinding",
                      "kubeadm:bootstrap-signer-clusterinfo",
                      "-n",
                      "kube-public",
                      "-o",
                      "jsonpath={.roleRef.kind}/{.roleRef.name} {.subjects[0].name}")
                  .assertOk()
                  .stdout())
          .isEqualTo("Role/kubeadm:bootstrap-signer-clusterinfo system:anonymous");

      // The tenant's objects live under its own prefix of the shared etcd.
      String schema = tcp(ns, "proof").getAsJsonObject("spec").get("dataStoreSchema").getAsString();
      assertThat(etcdKeys("/" + schema + "/namespaces/"))
          .contains("/" + schema + "/namespaces/made-by-the-tenant");
      // The controller-manager and the scheduler run with their generated kubeconfigs: the
      // service-account controller fills the new namespace, and both hold their leases.
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(
                          tenant
                              .run("get", "serviceaccount", "default", "-n", "made-by-the-tenant")
                              .exitCode())
                      .as(processes.log("kube-controller-manager"))
                      .isZero());
      assertThat(tenant.run("get", "lease", "-n", "kube-system").assertOk().stdout())
          .contains("kube-controller-manager", "kube-scheduler");
      assertThat(processes.alive()).isTrue();
    }

    // Deleting the TenantControlPlane tears its datastore down: no keys, role or user remain.
    String user = tcp(ns, "proof").getAsJsonObject("spec").get("dataStoreUsername").getAsString();
    String schema = tcp(ns, "proof").getAsJsonObject("spec").get("dataStoreSchema").getAsString();
    kubectl.run("delete", "tcp", "proof", "-n", ns, "--wait=true", "--timeout=120s").assertOk();
    assertThat(etcdKeys("/" + schema + "/")).isEmpty();
    assertThat(etcdctl("user", "list")).doesNotContain(user);
    assertThat(etcdctl("role", "list")).doesNotContain(schema);
  }

  @Test
  void theGeneratedControlPlaneServesTheTenantFromItsPostgresDatabaseThroughKine(@TempDir Path dir)
      throws Exception {
    try (PostgresServer postgres = PostgresServer.start()) {
      String ns = "run-" + UUID.randomUUID().toString().substring(0, 8);
      String dataStore = "pg-" + ns;
      kubectl.run("create", "namespace", ns).assertOk();
      DataStoreEndpoint admin = postgres.endpoint();
      kubectl
          .run(
              Map.of(),
              """
              {"apiVersion": "kamaji.clastix.io/v1alpha1", "kind": "DataStore",
               "metadata": {"name": "%s"},
               "spec": {"driver": "PostgreSQL", "endpoints": ["%s"],
                        "basicAuth": {"username": {"content": "%s"},
                                      "password": {"content": "%s"}}}}
              """
                  .formatted(
                      dataStore,
                      admin.endpoints().get(0),
                      base64(admin.basicAuth().username()),
                      base64(admin.basicAuth().password())),
              "apply",
              "-f",
              "-")
          .assertOk();
      kubectl
          .run(Map.of(), tenantControlPlane(ns, "kine", dataStore, freePort()), "apply", "-f", "-")
          .assertOk();
      awaitReady(ns, "kine");
      Map<String, V1Secret> secrets = secrets(ns);

      try (TenantControlPlaneProcesses processes =
          TenantControlPlaneProcesses.start(
              deployment(ns, "kine"),
              secrets,
              configMaps(ns),
              List.of(cluster.upstream("kubernetes"), cluster.upstream("kine")),
              dir,
              List.of("kine", "kube-apiserver", "kube-controller-manager", "kube-scheduler"))) {
        Kubectl tenant = tenantKubectl(ns, "kine", dir, "super-admin");
        awaitServing(tenant, processes);
        tenant.run("create", "namespace", "made-by-the-tenant").assertOk();

        // The namespace is a row of kine's table in the tenant's own database, read with the
        // tenant's own generated credentials.
        Map<String, byte[]> config = secrets.get("kine-datastore-config").getData();
        try (Connection connection =
                postgres.connect(
                    text(config.get("DB_SCHEMA")),
                    text(config.get("DB_USER")),
                    text(config.get("DB_PASSWORD")));
            PreparedStatement query =
                connection.prepareStatement("SELECT count(*) FROM kine WHERE name = ?")) {
          query.setString(1, "/registry/namespaces/made-by-the-tenant");
          try (ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isPositive();
          }
        }
        assertThat(processes.alive()).as(processes.log("kine")).isTrue();
      }

      kubectl.run("delete", "tcp", "kine", "-n", ns, "--wait=true", "--timeout=120s").assertOk();
      kubectl.run("delete", "datastore", dataStore, "--wait=true", "--timeout=60s").assertOk();
    }
  }

  static String tenantControlPlane(String ns, String name, String dataStore, int apiPort)
      throws IOException {
    int controllerManagerPort = freePort();
    int schedulerPort = freePort();
    // Loopback only: the flags a user would pass to run the control plane beside other
    // processes on one host. Everything else is what the controllers generate.
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
           "kubernetes": {"version": "%s", "kubelet": {"cgroupfs": "systemd"}}}}
        """
        .formatted(
            name,
            ns,
            dataStore,
            controllerManagerPort,
            schedulerPort,
            apiPort,
            CONTROL_PLANE_VERSION);
  }

  static void awaitReady(String ns, String name) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        kubectl
                            .run(
                                "get",
                                "tcp",
                                name,
                                "-n",
                                ns,
                                "-o",
                                "jsonpath={.status.kubernetesResources.version.status}")
                            .stdout())
                    .isEqualTo("Ready"));
  }

  /**
   * A kubectl for the tenant with a kubeconfig from the subresource ({@code user=...}; empty for
   * the default).
   */
  static Kubectl tenantKubectl(String ns, String name, Path dir, String user) throws IOException {
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

  static JsonObject tcp(String ns, String name) {
    return JsonParser.parseString(
            kubectl.run("get", "tcp", name, "-n", ns, "-o", "json").assertOk().stdout())
        .getAsJsonObject();
  }

  static V1Deployment deployment(String ns, String name) {
    return JSON.deserialize(
        kubectl.run("get", "deployment", name, "-n", ns, "-o", "json").assertOk().stdout(),
        V1Deployment.class);
  }

  static Map<String, V1Secret> secrets(String ns) {
    V1SecretList list =
        JSON.deserialize(
            kubectl.run("get", "secrets", "-n", ns, "-o", "json").assertOk().stdout(),
            V1SecretList.class);
    return list.getItems().stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
  }

  static Map<String, V1ConfigMap> configMaps(String ns) {
    V1ConfigMapList list =
        JSON.deserialize(
            kubectl.run("get", "configmaps", "-n", ns, "-o", "json").assertOk().stdout(),
            V1ConfigMapList.class);
    return list.getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
  }

  /** Keys under a prefix of the tenants' etcd, read with its administrator's certificate. */
  static List<String> etcdKeys(String prefix) throws Exception {
    return etcdctl("get", prefix, "--prefix", "--keys-only");
  }

  static List<String> etcdctl(String... args) throws Exception {
    LocalCluster.DataStoreEtcd etcd = cluster.dataStoreEtcd();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                cluster.upstream("etcd").resolve("etcdctl").toString(),
                "--endpoints=" + etcd.endpoint(),
                "--cacert=" + etcd.ca(),
                "--cert=" + etcd.rootCertificate(),
                "--key=" + etcd.rootKey()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
