package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import dev.controlplanes.kamaji.storage.testing.PostgresServer;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  private static LocalCluster cluster;
  private static Kubectl kubectl;
  private static TenantControlPlanes tcps;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
    tcps = new TenantControlPlanes(kubectl);
  }

  @Test
  void theGeneratedControlPlaneServesTheTenantFromItsEtcdPrefix(@TempDir Path dir)
      throws Exception {
    String ns = "run-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.run("create", "namespace", ns).assertOk();
    int apiPort = TenantControlPlanes.freePort();
    kubectl
        .run(
            Map.of(),
            TenantControlPlanes.manifest(
                ns, "proof", "default", apiPort, "{\"coreDNS\": {}, \"kubeProxy\": {}}"),
            "apply",
            "-f",
            "-")
        .assertOk();
    tcps.awaitReady(ns, "proof");

    try (TenantControlPlaneProcesses processes =
        TenantControlPlaneProcesses.start(
            tcps.deployment(ns, "proof"),
            tcps.secrets(ns),
            tcps.configMaps(ns),
            List.of(cluster.upstream("kubernetes")),
            dir,
            List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler"))) {
      Kubectl tenant = tcps.tenantKubectl(ns, "proof", dir, "super-admin");
      TenantControlPlanes.awaitServing(tenant, processes);

      assertThat(tenant.run("get", "namespaces").assertOk().stdout())
          .contains("default", "kube-system");
      tenant.run("create", "namespace", "made-by-the-tenant").assertOk();

      // Once the control plane answers, the controllers' tenant-side phase binds admin.conf's
      // group (kubeadm:cluster-admins) to cluster-admin: the subresource's default kubeconfig
      // (user admin) then works, as kubeadm's admin.conf does.
      Kubectl admin = tcps.tenantKubectl(ns, "proof", dir, "");
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
      String schema =
          tcps.tcp(ns, "proof").getAsJsonObject("spec").get("dataStoreSchema").getAsString();
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

      assertTenantObjectsAreKubeadms(ns, "proof", tenant, dir);

      // Write permissions: a WriteLimited tenant's API server asks our /write-permission, which
      // refuses the blocked operations; lifting them lets the writes through again.
      patchTcp(ns, "proof", "{\"spec\": {\"writePermissions\": {\"blockCreation\": true}}}");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(tenant.run("create", "namespace", "refused").stderr())
                      .contains("the current Control Plane has limited write permissions"));
      assertThat(
              tcps.tcp(ns, "proof")
                  .getAsJsonObject("status")
                  .getAsJsonObject("kubernetesResources")
                  .getAsJsonObject("version")
                  .get("status")
                  .getAsString())
          .isEqualTo("WriteLimited");
      // Updates are not blocked, nor is kube-system.
      tenant.run("label", "namespace", "made-by-the-tenant", "e2e=updated").assertOk();
      tenant.run("create", "configmap", "allowed", "-n", "kube-system").assertOk();
      patchTcp(ns, "proof", "{\"spec\": {\"writePermissions\": null}}");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> assertThat(tenant.run("create", "namespace", "accepted").exitCode()).isZero());
      assertThat(
              tenant
                  .run("get", "validatingwebhookconfiguration", "kamaji-write-permissions")
                  .stderr())
          .contains("NotFound");
      assertThat(processes.alive()).isTrue();
    }

    // Deleting the TenantControlPlane tears its datastore down: no keys, role or user remain.
    String user =
        tcps.tcp(ns, "proof").getAsJsonObject("spec").get("dataStoreUsername").getAsString();
    String schema =
        tcps.tcp(ns, "proof").getAsJsonObject("spec").get("dataStoreSchema").getAsString();
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
      tcps.createSqlDataStore(dataStore, "PostgreSQL", postgres.endpoint());
      kubectl
          .run(
              Map.of(),
              TenantControlPlanes.manifest(
                  ns, "kine", dataStore, TenantControlPlanes.freePort(), null),
              "apply",
              "-f",
              "-")
          .assertOk();
      tcps.awaitReady(ns, "kine");
      Map<String, V1Secret> secrets = tcps.secrets(ns);

      try (TenantControlPlaneProcesses processes =
          TenantControlPlaneProcesses.start(
              tcps.deployment(ns, "kine"),
              secrets,
              tcps.configMaps(ns),
              List.of(cluster.upstream("kubernetes"), cluster.upstream("kine")),
              dir,
              List.of("kine", "kube-apiserver", "kube-controller-manager", "kube-scheduler"))) {
        Kubectl tenant = tcps.tenantKubectl(ns, "kine", dir, "super-admin");
        TenantControlPlanes.awaitServing(tenant, processes);
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

  /**
   * What the tenant-side phase applied (uploaded configurations, bootstrap-token RBAC, CoreDNS and
   * kube-proxy) holds everything the pinned kubeadm creates for the same stored configuration, and
   * the kubelet configuration is the kubelet's defaults with Kamaji's values; and a worker joins
   * with plain {@code kubeadm join}.
   */
  private static void assertTenantObjectsAreKubeadms(
      String ns, String name, Kubectl tenant, Path dir) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        tenant
                            .run("get", "daemonset", "kube-proxy", "-n", "kube-system")
                            .exitCode())
                    .isZero());
    Map<String, String> stored = tcps.configMaps(ns).get(name + "-kubeadmconfig").getData();
    KubeadmOracle kubeadm = new KubeadmOracle(cluster.upstream("kubernetes"), dir);
    Map<String, JsonObject> expected =
        kubeadm.initObjects(stored.get("InitConfiguration"), stored.get("ClusterConfiguration"));
    List<String> compared =
        List.of(
            "ConfigMap/kube-system/kubeadm-config",
            "Role/kube-system/kubeadm:nodes-kubeadm-config",
            "RoleBinding/kube-system/kubeadm:nodes-kubeadm-config",
            "ClusterRole//kubeadm:get-nodes",
            "ClusterRoleBinding//kubeadm:get-nodes",
            "ClusterRoleBinding//kubeadm:kubelet-bootstrap",
            "ClusterRoleBinding//kubeadm:node-autoapprove-bootstrap",
            "ClusterRoleBinding//kubeadm:node-autoapprove-certificate-rotation",
            "ClusterRoleBinding//kubeadm:apiserver-kubelet-client",
            "Role/kube-public/kubeadm:bootstrap-signer-clusterinfo",
            "RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo",
            "Deployment/kube-system/coredns",
            "ConfigMap/kube-system/coredns",
            "Service/kube-system/kube-dns",
            "ClusterRole//system:coredns",
            "ClusterRoleBinding//system:coredns",
            "ServiceAccount/kube-system/coredns",
            "ServiceAccount/kube-system/kube-proxy",
            "ClusterRoleBinding//kubeadm:node-proxier",
            "Role/kube-system/kube-proxy",
            "RoleBinding/kube-system/kube-proxy",
            "ConfigMap/kube-system/kube-proxy",
            "DaemonSet/kube-system/kube-proxy");
    for (String key : compared) {
      assertThat(expected).as("kubeadm creates " + key).containsKey(key);
      String[] parts = key.split("/", 3);
      JsonObject actual = tenantObject(tenant, parts[0], parts[1], parts[2]);
      JsonObject wanted = expected.get(key).deepCopy();
      JsonObject labels = wanted.getAsJsonObject("metadata").getAsJsonObject("labels");
      wanted.remove("metadata");
      if (labels != null) {
        JsonObject metadata = new JsonObject();
        metadata.add("labels", labels);
        wanted.add("metadata", metadata);
      }
      if (key.equals("ConfigMap/kube-system/kubeadm-config")) {
        wanted.remove("data"); // compared as text below
      }
      assertThat(KubeJson.firstDifference(actual, wanted, key)).as(actual.toString()).isEmpty();
    }
    // Byte for byte: the cluster configuration joining nodes read.
    assertThat(
            tenantObject(tenant, "ConfigMap", "kube-system", "kubeadm-config")
                .getAsJsonObject("data")
                .get("ClusterConfiguration")
                .getAsString())
        .isEqualTo(
            KubeadmOracle.storedEndpoints(
                expected
                    .get("ConfigMap/kube-system/kubeadm-config")
                    .getAsJsonObject("data")
                    .get("ClusterConfiguration")
                    .getAsString()));
    // cluster-info: kubeadm's dry run publishes a CA of its own; the server is the same.
    assertThat(
            expected
                .get("ConfigMap/kube-public/cluster-info")
                .getAsJsonObject("data")
                .get("kubeconfig")
                .getAsString())
        .contains(
            "server: https://"
                + tcps.tcp(ns, name)
                    .getAsJsonObject("status")
                    .get("controlPlaneEndpoint")
                    .getAsString());
    assertThat(
            tenantObject(tenant, "ConfigMap", "kube-system", "kubelet-config")
                .getAsJsonObject("data")
                .get("kubelet")
                .getAsString())
        .isEqualTo(
            kubeadm.kubeletConfig(
                "--cgroup-driver=systemd",
                "--cluster-dns=10.96.0.10",
                "--cluster-domain=cluster.local"));
    // The TenantControlPlane's status records what the tenant-side phase ensured.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonObject status = tcps.tcp(ns, name).getAsJsonObject("status");
              assertThat(
                      status
                          .getAsJsonObject("kubeadmPhase")
                          .getAsJsonObject("bootstrapToken")
                          .get("checksum"))
                  .isEqualTo(status.getAsJsonObject("kubeadmconfig").get("checksum"));
              JsonObject addons = status.getAsJsonObject("addons");
              assertThat(addons.getAsJsonObject("coreDNS").get("enabled").getAsBoolean()).isTrue();
              assertThat(addons.getAsJsonObject("kubeProxy").get("enabled").getAsBoolean())
                  .isTrue();
            });
    // Deleted or edited objects come back at once, as Kamaji's tenant-side controllers repair
    // them (a Corefile edit is reverted): the tenant-side watches see the change (the cluster's
    // resync period is longer than the test).
    tenant.run("delete", "deployment", "coredns", "-n", "kube-system", "--wait=true").assertOk();
    tenant
        .run(
            "patch",
            "configmap",
            "coredns",
            "-n",
            "kube-system",
            "--type=merge",
            "-p",
            "{\"data\": {\"Corefile\": \".:53 {\\n    errors\\n}\\n\"}}")
        .assertOk();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(tenant.run("get", "deployment", "coredns", "-n", "kube-system").exitCode())
                  .isZero();
              assertThat(
                      tenantObject(tenant, "ConfigMap", "kube-system", "coredns")
                          .getAsJsonObject("data")
                          .get("Corefile")
                          .getAsString())
                  .contains("kubernetes cluster.local in-addr.arpa ip6.arpa");
            });

    // Kamaji's addon objects are controlled by their ClusterRoleBinding, and labelled as its own.
    JsonObject coreDns = tenantObject(tenant, "Deployment", "kube-system", "coredns");
    assertThat(coreDns.getAsJsonObject("metadata").get("ownerReferences").toString())
        .contains("\"kind\":\"ClusterRoleBinding\"", "\"name\":\"system:coredns\"");
    assertThat(
            coreDns
                .getAsJsonObject("metadata")
                .getAsJsonObject("labels")
                .get("kamaji.clastix.io/project")
                .getAsString())
        .isEqualTo("kamaji");

    // A worker joins with plain kubeadm join (a dry run: no kubelet starts), with a bootstrap token
    // made as users make them and the CA pinned by hash.
    String kubeconfig = dir.resolve("super-admin.kubeconfig").toString();
    List<String> tokenLines =
        kubeadm.run("token", "create", "--kubeconfig=" + kubeconfig).lines().toList();
    String token = tokenLines.get(tokenLines.size() - 1).trim();
    String tokenId = token.substring(0, token.indexOf('.'));
    // The tenant's bootstrap signer signs cluster-info for the new token.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        tenantObject(tenant, "ConfigMap", "kube-public", "cluster-info")
                            .getAsJsonObject("data")
                            .has("jws-kubeconfig-" + tokenId))
                    .isTrue());
    String endpoint =
        tcps.tcp(ns, name).getAsJsonObject("status").get("controlPlaneEndpoint").getAsString();
    String join =
        kubeadm.run(
            "join",
            endpoint,
            "--token=" + token,
            "--discovery-token-ca-cert-hash=sha256:" + caPublicKeyHash(tenant),
            "--node-name=worker-0",
            "--dry-run",
            "--ignore-preflight-errors=all");
    // Discovery checked cluster-info's signature and CA; the bootstrap token then read kubeadm's
    // uploaded configurations (real objects, not dry-run stand-ins) and kubeadm wrote the kubelet's
    // configuration from ours.
    assertThat(join)
        .contains("[preflight] Reading configuration from the \"kubeadm-config\" ConfigMap")
        .contains(
            "Resource name \"kubeadm-config\", namespace \"kube-system\"\n[dryrun] Attached object:",
            "Resource name \"kube-proxy\", namespace \"kube-system\"\n[dryrun] Attached object:",
            "Resource name \"kubelet-config\", namespace \"kube-system\"\n[dryrun] Attached object:")
        .contains("This node has joined the cluster");
    String kubeletFile =
        join.substring(
            join.indexOf(
                "[dryrun] Would write file \"/var/lib/kubelet/config.yaml\" with content:"));
    assertThat(kubeletFile)
        .contains(
            "cgroupDriver: systemd\n",
            "clusterDNS:\n- 10.96.0.10\n",
            "clusterDomain: cluster.local\n",
            "staticPodPath: /etc/kubernetes/manifests\n");
  }

  /** kubeadm's CA pin: SHA-256 of the CA certificate's SubjectPublicKeyInfo. */
  private static String caPublicKeyHash(Kubectl tenant) throws Exception {
    String data =
        tenant
            .run(
                "config",
                "view",
                "--raw",
                "-o",
                "jsonpath={.clusters[0].cluster.certificate-authority-data}")
            .assertOk()
            .stdout();
    java.security.cert.X509Certificate ca =
        (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(
                        java.util.Base64.getDecoder().decode(data.trim())));
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(ca.getPublicKey().getEncoded()));
  }

  private static JsonObject tenantObject(
      Kubectl tenant, String kind, String namespace, String name) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("get", kind.toLowerCase(java.util.Locale.ROOT), name, "-o", "json"));
    if (!namespace.isEmpty()) {
      args.addAll(List.of("-n", namespace));
    }
    return JsonParser.parseString(tenant.run(args.toArray(String[]::new)).assertOk().stdout())
        .getAsJsonObject();
  }

  private static void patchTcp(String ns, String name, String mergePatch) {
    kubectl.run("patch", "tcp", name, "-n", ns, "--type=merge", "-p", mergePatch).assertOk();
  }

  /** Keys under a prefix of the tenants' etcd, read with its administrator's certificate. */
  static List<String> etcdKeys(String prefix) throws Exception {
    return etcdctl("get", prefix, "--prefix", "--keys-only");
  }

  static List<String> etcdctl(String... args) throws Exception {
    return cluster.etcdctl(cluster.dataStoreEtcd().endpoint(), args);
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }
}
