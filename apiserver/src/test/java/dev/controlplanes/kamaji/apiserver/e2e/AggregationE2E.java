package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our API through the real kube-apiserver's aggregation layer, with kube-controller-manager acting
 * on our resources: what users and controllers of a management cluster see.
 */
class AggregationE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  private static LocalCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
  }

  private static String namespace() {
    String ns = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.run("create", "namespace", ns).assertOk();
    return ns;
  }

  /** The api module's basic sample as JSON (kubectl reads JSON as well as YAML). */
  private static String tcp(String name, String namespace) {
    return Samples.tcp(namespace, name).toString();
  }

  @Test
  void discoveryThroughKubeApiserverListsOurKinds() {
    String out = kubectl.run("api-resources", "--api-group=kamaji.clastix.io").assertOk().stdout();
    assertThat(out).contains("tenantcontrolplanes", "tcp", "TenantControlPlane", "datastores");
    assertThat(kubectl.run("get", "apiservice", "v1alpha1.kamaji.clastix.io").assertOk().stdout())
        .contains("True");
    assertThat(kubectl.run("get", "datastores").assertOk().stdout()).contains("default", "etcd");
  }

  @Test
  void createApplyPatchExplainAndDeleteThroughAggregation() throws Exception {
    String ns = namespace();
    kubectl.run(Map.of(), tcp("alpha", ns), "apply", "-f", "-").assertOk();
    assertThat(kubectl.run("get", "tcp", "-A", "-o", "wide").assertOk().stdout())
        .contains(ns, "alpha", "v1.35.7");
    kubectl.run(Map.of(), tcp("beta", ns), "apply", "--server-side", "-f", "-").assertOk();
    kubectl
        .run(
            "patch",
            "tcp",
            "beta",
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"spec\":{\"controlPlane\":{\"deployment\":{\"replicas\":3}}}}")
        .assertOk();
    kubectl
        .run(
            "wait",
            "tcp/beta",
            "-n",
            ns,
            "--for=jsonpath={.spec.controlPlane.deployment.replicas}=3",
            "--timeout=30s")
        .assertOk();
    assertThat(kubectl.run("explain", "tcp.spec.networkProfile").assertOk().stdout())
        .contains("KIND:       TenantControlPlane", "serviceCidrs");
    kubectl
        .run("delete", "tcp", "alpha", "beta", "-n", ns, "--wait=true", "--timeout=60s")
        .assertOk();
    assertThat(kubectl.run("get", "tcp", "-n", ns).stderr()).contains("No resources found");
  }

  @Test
  void watchEventsFlowThroughTheAggregator() throws Exception {
    String ns = namespace();
    kubectl.run(Map.of(), tcp("watched", ns), "apply", "-f", "-").assertOk();
    ProcessBuilder builder =
        new ProcessBuilder(
            "kubectl",
            "--kubeconfig=" + cluster.kubeconfig(),
            "get",
            "tcp",
            "-n",
            ns,
            "-w",
            "--output-watch-events");
    Process watch = builder.redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // the process was stopped
              }
            });
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lines.stream().anyMatch(l -> l.startsWith("ADDED")));
      // Changes in another namespace come before ours and must not reach this watch.
      String other = namespace();
      kubectl.run(Map.of(), tcp("elsewhere", other), "apply", "-f", "-").assertOk();
      kubectl.run("label", "tcp", "elsewhere", "-n", other, "seen=yes").assertOk();
      kubectl.run("label", "tcp", "watched", "-n", ns, "seen=yes").assertOk();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lines.stream().anyMatch(l -> l.startsWith("MODIFIED")));
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(lines).anyMatch(l -> l.startsWith("MODIFIED") && l.contains("watched"));
    assertThat(lines).noneMatch(l -> l.contains("elsewhere"));
  }

  @Test
  void usersNeedRbacAndCanIAgrees() throws Exception {
    String ns = namespace();
    Kubectl.Result denied = kubectl.run("--as=alice", "get", "tcp", "-n", ns);
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr())
        .contains("Error from server (Forbidden)")
        .contains(
            "User \"alice\" cannot list resource \"tenantcontrolplanes\" in API group"
                + " \"kamaji.clastix.io\" in the namespace \""
                + ns
                + "\"");
    assertThat(kubectl.run("auth", "can-i", "list", "tcp", "-n", ns, "--as=alice").stdout().trim())
        .isEqualTo("no");
    kubectl
        .run(
            "create",
            "role",
            "tcp-reader",
            "-n",
            ns,
            "--verb=get,list,watch",
            "--resource=tenantcontrolplanes.kamaji.clastix.io")
        .assertOk();
    kubectl
        .run("create", "rolebinding", "alice", "-n", ns, "--role=tcp-reader", "--user=alice")
        .assertOk();
    assertThat(kubectl.run("auth", "can-i", "list", "tcp", "-n", ns, "--as=alice").stdout().trim())
        .isEqualTo("yes");
    // Our server caches SubjectAccessReview denials for 10 s, as k8s.io/apiserver does.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kubectl.run("--as=alice", "get", "tcp", "-n", ns).exitCode() == 0);
    assertThat(kubectl.run("--as=alice", "delete", "tcp", "x", "-n", ns).stderr())
        .contains("Forbidden");

    // A GET of one object as JSON, which our server answers on its event loop when access is
    // decided without a remote call: the first needs a SubjectAccessReview, which moves it to a
    // worker thread with the front-proxy identity intact; the second is decided from the cache.
    kubectl.run(Map.of(), tcp("readable", ns), "apply", "-f", "-").assertOk();
    String path = "/apis/kamaji.clastix.io/v1alpha1/namespaces/" + ns + "/tenantcontrolplanes/";
    for (int i = 0; i < 2; i++) {
      assertThat(kubectl.run("--as=alice", "get", "--raw", path + "readable").assertOk().stdout())
          .contains("\"name\":\"readable\"");
    }
    assertThat(kubectl.run("--as=alice", "get", "--raw", path + "missing").stderr())
        .contains("NotFound");
  }

  @Test
  void serverSideApplyThatCreatesAlsoNeedsCreate() {
    String ns = namespace();
    kubectl.run(Map.of(), tcp("existing", ns), "apply", "--server-side", "-f", "-").assertOk();
    kubectl
        .run(
            "create",
            "role",
            "tcp-patcher",
            "-n",
            ns,
            "--verb=get,patch",
            "--resource=tenantcontrolplanes.kamaji.clastix.io")
        .assertOk();
    kubectl
        .run("create", "rolebinding", "bob", "-n", ns, "--role=tcp-patcher", "--user=bob")
        .assertOk();

    kubectl
        .run(Map.of(), tcp("existing", ns), "--as=bob", "apply", "--server-side", "-f", "-")
        .assertOk();
    Kubectl.Result create =
        kubectl.run(Map.of(), tcp("fresh", ns), "--as=bob", "apply", "--server-side", "-f", "-");

    assertThat(create.exitCode()).isNotZero();
    assertThat(create.stderr())
        .contains("User \"bob\" cannot create resource \"tenantcontrolplanes\"");
    assertThat(kubectl.run("get", "tcp", "fresh", "-n", ns).stderr()).contains("NotFound");
  }

  @Test
  void ourServerAuthenticatesTokensAndAuthorizesWithSubjectAccessReviews() throws Exception {
    String ns = namespace();
    kubectl.run("create", "serviceaccount", "bob", "-n", ns).assertOk();
    String token = kubectl.run("create", "token", "bob", "-n", ns).assertOk().stdout().trim();
    HttpClient client = HttpClient.newBuilder().sslContext(trusting(cluster.apiServerCa())).build();
    URI uri =
        URI.create(
            cluster.apiServerUrl()
                + "/apis/kamaji.clastix.io/v1alpha1/namespaces/"
                + ns
                + "/tenantcontrolplanes");
    HttpResponse<String> anonymous =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> denied =
        client.send(
            HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body())
        .contains(
            "User \\\"system:serviceaccount:"
                + ns
                + ":bob\\\" cannot list resource"
                + " \\\"tenantcontrolplanes\\\"");
    kubectl
        .run(
            "create",
            "rolebinding",
            "bob",
            "-n",
            ns,
            "--clusterrole=view",
            "--serviceaccount=" + ns + ":bob")
        .assertOk();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                client
                        .send(
                            HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                    == 200);
    assertThat(Files.readString(cluster.log("kamaji-api"))).doesNotContain(token);
  }

  @Test
  void garbageCollectorDeletesDependentsOfDeletedTenantControlPlanes() throws Exception {
    String ns = namespace();
    kubectl.run(Map.of(), tcp("owner", ns), "apply", "-f", "-").assertOk();
    String uid =
        kubectl
            .run("get", "tcp", "owner", "-n", ns, "-o", "jsonpath={.metadata.uid}")
            .assertOk()
            .stdout();
    String secret =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Secret",
            "metadata:",
            "  name: owned",
            "  namespace: " + ns,
            "  ownerReferences:",
            "  - apiVersion: kamaji.clastix.io/v1alpha1",
            "    kind: TenantControlPlane",
            "    name: owner",
            "    uid: " + uid,
            "    controller: true",
            "    blockOwnerDeletion: true",
            "stringData: {a: b}",
            "");
    kubectl.run(Map.of(), secret, "apply", "-f", "-").assertOk();
    kubectl.run("delete", "tcp", "owner", "-n", ns).assertOk();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kubectl.run("get", "secret", "owned", "-n", ns).stderr().contains("NotFound"));
  }

  @Test
  void productionManifestsPassServerSideDryRun() {
    Kubectl.Result r =
        kubectl.run(
            "apply", "--dry-run=server", "-k", cluster.checkout().resolve("manifests").toString());
    r.assertOk();
    assertThat(r.stdout())
        .contains("deployment.apps/kamaji-api created (server dry run)")
        .contains("apiservice.apiregistration.k8s.io/v1alpha1.kamaji.clastix.io")
        .contains("poddisruptionbudget.policy/kamaji-api created (server dry run)");
    assertThat(kubectl.run("get", "deployment", "kamaji-api", "-n", "kamaji-system").stderr())
        .contains("NotFound");
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    String ns = "missing-" + UUID.randomUUID().toString().substring(0, 8);
    Kubectl.Result r = kubectl.run(Map.of(), tcp("lost", ns), "create", "-f", "-");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("Error from server (NotFound)")
        .contains("namespaces \"" + ns + "\" not found");
  }

  @Test
  void deletingANamespaceDeletesItsTenantControlPlanes() throws Exception {
    String ns = namespace();
    kubectl.run(Map.of(), tcp("doomed", ns), "apply", "-f", "-").assertOk();
    kubectl.run("delete", "namespace", ns, "--timeout=120s").assertOk();
    assertThat(kubectl.run("get", "namespace", ns).stderr()).contains("NotFound");
    assertThat(kubectl.run("get", "tcp", "-A").assertOk().stdout()).doesNotContain("doomed");
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    List<java.security.cert.X509Certificate> cas =
        new ArrayList<>(PemFiles.readCertificates(caFile));
    for (int i = 0; i < cas.size(); i++) {
      trust.setCertificateEntry("ca" + i, cas.get(i));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
