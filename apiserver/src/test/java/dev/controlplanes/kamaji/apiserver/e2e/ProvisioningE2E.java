package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreDriver;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import io.kubernetes.client.util.KubeConfig;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded controllers provisioning TenantControlPlanes in the real local management cluster:
 * owned objects with ownerReferences, no writes once converged, drift repair, the kubeconfig
 * subresource, the DataStore finalizer, teardown on deletion and garbage collection.
 */
class ProvisioningE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final String GV = "/apis/kamaji.clastix.io/v1alpha1";

  private static LocalCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject json(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-o");
    all.add("json");
    return JsonParser.parseString(kubectl.run(all.toArray(String[]::new)).assertOk().stdout())
        .getAsJsonObject();
  }

  /** A DataStore of our own on the cluster's tenants etcd (the credentials of `default`). */
  private static String dataStore() {
    String name = unique("e2e-ds");
    cluster.createDataStoreLikeDefault(name, null);
    return name;
  }

  /** The basic sample on a ClusterIP Service (no load balancer in the local cluster). */
  private static String tcp(String namespace, String name, String dataStore, boolean paused) {
    JsonObject tcp = Samples.tcp(namespace, name);
    tcp.getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("service")
        .addProperty("serviceType", "ClusterIP");
    tcp.getAsJsonObject("spec").addProperty("dataStore", dataStore);
    if (paused) {
      JsonObject annotations = new JsonObject();
      annotations.addProperty("kamaji.clastix.io/paused", "");
      tcp.getAsJsonObject("metadata").add("annotations", annotations);
    }
    kubectl.run(Map.of(), tcp.toString(), "create", "-f", "-").assertOk();
    return json("get", "tcp", name, "-n", namespace)
        .getAsJsonObject("metadata")
        .get("uid")
        .getAsString();
  }

  private static String namespace() {
    String ns = unique("e2e-prov");
    kubectl.run("create", "namespace", ns).assertOk();
    return ns;
  }

  private static void waitReady(String ns, String name) {
    kubectl
        .run(
            "wait",
            "tcp/" + name,
            "-n",
            ns,
            "--for=jsonpath={.status.kubernetesResources.version.status}=Ready",
            "--timeout=" + CONVERGE.toSeconds() + "s")
        .assertOk();
  }

  /** kind/name -> resourceVersion of everything in the namespace the controllers write. */
  private static Map<String, String> resourceVersions(String ns) {
    Map<String, String> versions = new TreeMap<>();
    JsonObject list = json("get", "secrets,configmaps,services,deployments,tcp", "-n", ns);
    for (JsonElement item : list.getAsJsonArray("items")) {
      JsonObject o = item.getAsJsonObject();
      JsonObject m = o.getAsJsonObject("metadata");
      versions.put(
          o.get("kind").getAsString() + "/" + m.get("name").getAsString(),
          m.get("resourceVersion").getAsString());
    }
    return versions;
  }

  private static String kubeconfigPath(String ns, String name) {
    return GV + "/namespaces/" + ns + "/tenantcontrolplanes/" + name + "/kubeconfig";
  }

  @Test
  void provisionsConvergesRepairsDriftAndTearsDown() throws Exception {
    String dataStore = dataStore();
    String ns = namespace();
    String uid = tcp(ns, "alpha", dataStore, false);
    waitReady(ns, "alpha");

    // Owned objects, each controlled by the TCP so the garbage collector can remove them.
    JsonObject owned = json("get", "secrets,configmaps,services,deployments", "-n", ns);
    List<String> names = new ArrayList<>();
    for (JsonElement item : owned.getAsJsonArray("items")) {
      JsonObject m = item.getAsJsonObject().getAsJsonObject("metadata");
      if (m.get("name").getAsString().equals("kube-root-ca.crt")) {
        continue;
      }
      names.add(
          item.getAsJsonObject().get("kind").getAsString() + "/" + m.get("name").getAsString());
      JsonArray refs = m.getAsJsonArray("ownerReferences");
      assertThat(refs).as("ownerReferences of %s", m.get("name")).hasSize(1);
      JsonObject ref = refs.get(0).getAsJsonObject();
      assertThat(ref.get("uid").getAsString()).isEqualTo(uid);
      assertThat(ref.get("kind").getAsString()).isEqualTo("TenantControlPlane");
      assertThat(ref.get("controller").getAsBoolean()).isTrue();
    }
    assertThat(names)
        .contains(
            "Service/alpha",
            "Deployment/alpha",
            "ConfigMap/alpha-kubeadmconfig",
            "ConfigMap/alpha-konnectivity-egress-selector-configuration",
            "Secret/alpha-ca",
            "Secret/alpha-api-server-certificate",
            "Secret/alpha-admin-kubeconfig",
            "Secret/alpha-datastore-config",
            "Secret/alpha-datastore-certificate",
            "Secret/alpha-konnectivity-certificate");
    JsonObject status = json("get", "tcp", "alpha", "-n", ns).getAsJsonObject("status");
    assertThat(status.get("observedGeneration").getAsLong()).isEqualTo(1);
    assertThat(status.getAsJsonObject("storage").get("dataStoreName").getAsString())
        .isEqualTo(dataStore);
    assertThat(status.getAsJsonObject("kubeconfig").getAsJsonObject("admin").get("checksum"))
        .isNotNull();
    JsonObject konnectivityService =
        status.getAsJsonObject("addons").getAsJsonObject("konnectivity").getAsJsonObject("service");
    assertThat(konnectivityService.get("name").getAsString()).isEqualTo("alpha");
    assertThat(konnectivityService.get("port").getAsInt()).isEqualTo(8132);

    // Converged: later passes (resyncs, owned-object events) write nothing.
    Map<String, String> before = resourceVersions(ns);
    Thread.sleep(8_000);
    assertThat(resourceVersions(ns)).isEqualTo(before);

    // The passes are counted as Kamaji's manager counts them (controller-runtime's names).
    String metrics =
        kubectl
            .run(
                "--server=" + cluster.apiServerUrl(),
                "--certificate-authority=" + cluster.apiServerCa(),
                "get",
                "--raw",
                "/metrics")
            .assertOk()
            .stdout();
    assertThat(
            sample(metrics, "controller_runtime_reconcile_total", "tenantcontrolplane", "success"))
        .isPositive();
    assertThat(sample(metrics, "workqueue_adds_total", "tenantcontrolplane")).isPositive();
    assertThat(sample(metrics, "controller_runtime_active_workers", "tenantcontrolplane")).isZero();
    // And Kamaji's own, with its names and label values.
    assertThat(sample(metrics, "kamaji_tenant_control_plane_status", ns, "alpha", "Ready", "true"))
        .isEqualTo(1);
    assertThat(sample(metrics, "kamaji_datastore_info", dataStore, "etcd")).isEqualTo(1);
    assertThat(sample(metrics, "kamaji_datastore_status", dataStore, "True", "true")).isEqualTo(1);
    assertThat(sample(metrics, "kamaji_tenant_control_planes_current", "true")).isPositive();
    assertThat(sample(metrics, "kamaji_handler_time_seconds_count", "deployment")).isPositive();
    assertThat(sample(metrics, "kamaji_certificates_current", ns, "alpha", "valid", "x509"))
        .isPositive();
    assertThat(sample(metrics, "kamaji_certificates_current", ns, "alpha", "valid", "kubeconfig"))
        .isPositive();
    assertThat(sample(metrics, "kamaji_certificates_current", ns, "alpha", "invalid", "x509"))
        .isZero();
    assertThat(metrics)
        .containsPattern(
            "kamaji_tenant_control_plane_info\\{tcp_namespace=\""
                + ns
                + "\",tcp_name=\"alpha\",kubernetes_version=\"v1\\.[0-9.]+\","
                + "datastore_driver=\"etcd\",address=\"https://[0-9.]+:6443\","
                + "exposure_strategy=\"service\",\\} 1\\.0");

    // The kubeconfig subresource, as `kubectl get --raw ... > tenant.kubeconfig` gives it.
    String endpoint = status.get("controlPlaneEndpoint").getAsString();
    KubeConfig byDefault =
        KubeConfig.loadKubeConfig(
            new StringReader(
                kubectl.run("get", "--raw", kubeconfigPath(ns, "alpha")).assertOk().stdout()));
    assertThat(byDefault.getServer()).isEqualTo("https://" + endpoint);
    assertThat(byDefault.getClientCertificateData()).isNotEmpty();
    assertThat(byDefault.getClientKeyData()).isNotEmpty();
    assertThat(userOf(byDefault)).isEqualTo("kubernetes-admin");
    KubeConfig adminInternal =
        KubeConfig.loadKubeConfig(
            new StringReader(
                kubectl
                    .run(
                        "get",
                        "--raw",
                        kubeconfigPath(ns, "alpha") + "?user=super-admin&endpoint=internal")
                    .assertOk()
                    .stdout()));
    assertThat(adminInternal.getServer()).isEqualTo("https://alpha." + ns + ".svc:6443");
    assertThat(userOf(adminInternal)).isEqualTo("kubernetes-super-admin");

    // Drift: a deleted Secret comes back, an edited ConfigMap is restored.
    String secretUid =
        json("get", "secret", "alpha-admin-kubeconfig", "-n", ns)
            .getAsJsonObject("metadata")
            .get("uid")
            .getAsString();
    kubectl.run("delete", "secret", "alpha-admin-kubeconfig", "-n", ns).assertOk();
    String kubeadm =
        json("get", "configmap", "alpha-kubeadmconfig", "-n", ns)
            .getAsJsonObject("data")
            .get("ClusterConfiguration")
            .getAsString();
    kubectl
        .run(
            "patch",
            "configmap",
            "alpha-kubeadmconfig",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"data\":{\"ClusterConfiguration\":\"{}\"}}")
        .assertOk();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Kubectl.Result r = kubectl.run("get", "secret", "alpha-admin-kubeconfig", "-n", ns);
              return r.exitCode() == 0
                  && !r.stdout().isEmpty()
                  && !json("get", "secret", "alpha-admin-kubeconfig", "-n", ns)
                      .getAsJsonObject("metadata")
                      .get("uid")
                      .getAsString()
                      .equals(secretUid);
            });
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                json("get", "configmap", "alpha-kubeadmconfig", "-n", ns)
                    .getAsJsonObject("data")
                    .get("ClusterConfiguration")
                    .getAsString()
                    .equals(kubeadm));

    // Removing the konnectivity addon removes its management-side objects (the sidecar and its
    // port, ConfigMap and Secrets), and the status records it as disabled.
    int portsWithAddon =
        json("get", "service", "alpha", "-n", ns)
            .getAsJsonObject("spec")
            .getAsJsonArray("ports")
            .size();
    kubectl
        .run(
            "patch",
            "tcp",
            "alpha",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"spec\":{\"addons\":{\"konnectivity\":null}}}")
        .assertOk();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String object :
                  List.of(
                      "configmap/alpha-konnectivity-egress-selector-configuration",
                      "secret/alpha-konnectivity-certificate",
                      "secret/alpha-konnectivity-kubeconfig")) {
                assertThat(kubectl.run("get", object, "-n", ns).stderr())
                    .as(object)
                    .contains("NotFound");
              }
              assertThat(
                      json("get", "deployment", "alpha", "-n", ns)
                          .getAsJsonObject("spec")
                          .getAsJsonObject("template")
                          .toString())
                  .doesNotContain("konnectivity");
              assertThat(
                      json("get", "service", "alpha", "-n", ns)
                          .getAsJsonObject("spec")
                          .getAsJsonArray("ports")
                          .size())
                  .isEqualTo(portsWithAddon - 1);
              JsonObject konnectivity =
                  json("get", "tcp", "alpha", "-n", ns)
                      .getAsJsonObject("status")
                      .getAsJsonObject("addons")
                      .getAsJsonObject("konnectivity");
              assertThat(konnectivity.get("enabled").getAsBoolean()).isFalse();
              assertThat(konnectivity.has("service")).isFalse();
            });
    waitReady(ns, "alpha");

    // The DataStore in use cannot go while the TCP uses it.
    JsonObject setup = status.getAsJsonObject("storage").getAsJsonObject("setup");
    TenantDatabase database =
        new TenantDatabase(setup.get("schema").getAsString(), setup.get("user").getAsString(), "");
    DataStoreEndpoint endpointOfDataStore = endpoint(json("get", "datastore", dataStore));
    try (DataStoreConnection connection = DataStoreConnections.open(endpointOfDataStore)) {
      assertThat(connection.isSetUp(database)).isTrue();
    }
    kubectl.run("delete", "datastore", dataStore, "--wait=false").assertOk();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                json("get", "datastore", dataStore)
                    .getAsJsonObject("status")
                    .getAsJsonArray("usedBy")
                    .toString()
                    .contains(ns + "/alpha"));
    Thread.sleep(3_000);
    JsonObject blocked = json("get", "datastore", dataStore);
    assertThat(blocked.getAsJsonObject("metadata").has("deletionTimestamp")).isTrue();
    assertThat(blocked.getAsJsonObject("metadata").getAsJsonArray("finalizers").toString())
        .contains("kamaji.clastix.io/TenantControlPlane");

    // Deleting the TCP tears its database down, then the GC removes what it owned and the
    // DataStore, no longer used, goes too.
    kubectl.run("delete", "tcp", "alpha", "-n", ns, "--wait=true", "--timeout=120s").assertOk();
    try (DataStoreConnection connection = DataStoreConnections.open(endpointOfDataStore)) {
      assertThat(connection.isSetUp(database)).isFalse();
    }
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                kubectl
                    .run(
                        "get",
                        "secrets,configmaps,services,deployments",
                        "-n",
                        ns,
                        "-l",
                        "kamaji.clastix.io/name=alpha",
                        "-o",
                        "name")
                    .assertOk()
                    .stdout()
                    .isBlank());
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.run("get", "datastore", dataStore).stderr().contains("NotFound"));
  }

  @Test
  void kubeconfigOfAnUnprovisionedTenantIsAConflictAndNeedsTheSubresourceGrant() {
    String ns = namespace();
    tcp(ns, "paused", "default", true);
    Kubectl.Result r = kubectl.run("get", "--raw", kubeconfigPath(ns, "paused"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Conflict", "not provisioned yet");
    Kubectl.Result missing = kubectl.run("get", "--raw", kubeconfigPath(ns, "missing"));
    assertThat(missing.stderr()).contains("NotFound", "\"missing\" not found");
    Kubectl.Result invalid =
        kubectl.run("get", "--raw", kubeconfigPath(ns, "paused") + "?endpoint=x");
    assertThat(invalid.stderr()).contains("BadRequest", "endpoint");

    // `view` may read TenantControlPlanes but not their credentials.
    kubectl
        .run("create", "rolebinding", "viewer", "--clusterrole=view", "--user=bob", "-n", ns)
        .assertOk();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kubectl.run("--as=bob", "get", "tcp", "-n", ns).exitCode() == 0);
    Kubectl.Result forbidden =
        kubectl.run("--as=bob", "get", "--raw", kubeconfigPath(ns, "paused"));
    assertThat(forbidden.exitCode()).isNotZero();
    assertThat(forbidden.stderr()).contains("Forbidden");
  }

  @Test
  void aDataStoreIsValidOnceTheSecretsItReferencesExist() {
    String ns = namespace();
    String name = unique("e2e-ref");
    JsonObject spec = json("get", "datastore", "default").getAsJsonObject("spec").deepCopy();
    JsonObject ca = spec.getAsJsonObject("tlsConfig").getAsJsonObject("certificateAuthority");
    String caPem = ca.getAsJsonObject("certificate").get("content").getAsString();
    JsonObject reference = new JsonObject();
    reference.addProperty("name", "datastore-ca");
    reference.addProperty("namespace", ns);
    reference.addProperty("keyPath", "ca.crt");
    JsonObject byReference = new JsonObject();
    byReference.add("secretReference", reference);
    ca.add("certificate", byReference);
    JsonObject ds = new JsonObject();
    ds.addProperty("apiVersion", "kamaji.clastix.io/v1alpha1");
    ds.addProperty("kind", "DataStore");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    ds.add("metadata", metadata);
    ds.add("spec", spec);
    kubectl.run(Map.of(), ds.toString(), "create", "-f", "-").assertOk();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> condition(name).contains("TLSConfigurationValidationFailed"));
    assertThat(json("get", "datastore", name).getAsJsonObject("status").get("ready").getAsBoolean())
        .isFalse();

    JsonObject secret = new JsonObject();
    secret.addProperty("apiVersion", "v1");
    secret.addProperty("kind", "Secret");
    JsonObject secretMeta = new JsonObject();
    secretMeta.addProperty("name", "datastore-ca");
    secretMeta.addProperty("namespace", ns);
    secret.add("metadata", secretMeta);
    JsonObject data = new JsonObject();
    data.addProperty("ca.crt", caPem);
    secret.add("data", data);
    kubectl.run(Map.of(), secret.toString(), "create", "-f", "-").assertOk();
    // Well within the one-minute resync: the Secret's own event re-validates the DataStore.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> condition(name).contains("DataStoreIsValid"));
    assertThat(json("get", "datastore", name).getAsJsonObject("status").get("ready").getAsBoolean())
        .isTrue();
    kubectl.run("delete", "datastore", name, "--wait=true", "--timeout=60s").assertOk();
  }

  private static String condition(String dataStore) {
    JsonObject status = json("get", "datastore", dataStore).getAsJsonObject("status");
    return status == null || !status.has("conditions") ? "" : status.get("conditions").toString();
  }

  /** The user of the current context. */
  private static String userOf(KubeConfig config) {
    for (Object entry : config.getContexts()) {
      Map<?, ?> named = (Map<?, ?>) entry;
      if (config.getCurrentContext().equals(named.get("name"))) {
        return (String) ((Map<?, ?>) named.get("context")).get("user");
      }
    }
    throw new AssertionError("no current context");
  }

  private static DataStoreEndpoint endpoint(JsonObject dataStore) {
    JsonObject spec = dataStore.getAsJsonObject("spec");
    JsonObject tls = spec.getAsJsonObject("tlsConfig");
    List<String> endpoints = new ArrayList<>();
    spec.getAsJsonArray("endpoints").forEach(e -> endpoints.add(e.getAsString()));
    return new DataStoreEndpoint(
        DataStoreDriver.ETCD,
        endpoints,
        new DataStoreEndpoint.Tls(
            content(tls, "certificateAuthority", "certificate"),
            content(tls, "clientCertificate", "certificate"),
            content(tls, "clientCertificate", "privateKey")),
        null);
  }

  private static byte[] content(JsonObject tls, String pair, String item) {
    return Base64.getDecoder()
        .decode(tls.getAsJsonObject(pair).getAsJsonObject(item).get("content").getAsString());
  }

  /** The value of one sample in Prometheus text format whose label values are {@code labels}. */
  private static double sample(String metrics, String name, String... labels) {
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      String labelText = line.substring(name.length() + 1, line.lastIndexOf('}'));
      List<String> values = new ArrayList<>();
      Matcher value = Pattern.compile("=\"([^\"]*)\"").matcher(labelText);
      while (value.find()) {
        values.add(value.group(1));
      }
      if (values.equals(List.of(labels))) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name + List.of(labels) + " in\n" + metrics);
  }
}
