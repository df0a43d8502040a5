package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import dev.controlplanes.kamaji.controllers.pki.CertificateBundle;
import dev.controlplanes.kamaji.controllers.pki.CertificateChecks;
import dev.controlplanes.kamaji.controllers.pki.CertificateIssuer;
import dev.controlplanes.kamaji.controllers.pki.CertificateSpec;
import dev.controlplanes.kamaji.controllers.pki.KeyAlgorithm;
import dev.controlplanes.kamaji.controllers.pki.Kubeconfigs;
import dev.controlplanes.kamaji.controllers.pki.Pem;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate rotation and renewal in the real local management cluster (Kamaji §3.6): the rotate
 * annotation on the CA reissues everything it signed and rolls the Deployment, on a leaf reissues
 * that leaf only, and a certificate expiring within the deadline is renewed.
 */
class CertificateRotationE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final String ROTATE = CertificateChecks.ROTATE_ANNOTATION;

  /** What the CA signs: each must be reissued when the CA rotates. */
  private static final List<PkiSecret> SIGNED_BY_CA = PkiSecret.signedBy(PkiSecret.CA);

  private static LocalCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
  }

  @Test
  void rotatingTheCaReissuesEverythingItSignedRollsTheDeploymentAndReturnsToReady(@TempDir Path dir)
      throws Exception {
    String ns = namespace();
    String tcp = "rotate";
    create(ns, tcp);
    waitReady(ns, tcp);
    Map<String, Map<String, byte[]>> before = pkiData(ns, tcp);
    String oldCa = CertificateChecks.fingerprint(caPem(before, tcp));
    Map<String, String> oldTemplate = podTemplateMetadata(ns, tcp);

    Path statuses = dir.resolve("statuses.txt");
    Process watch = watchVersionStatus(ns, tcp, statuses);
    try {
      kubectl.run("annotate", "secret", tcp + "-ca", "-n", ns, ROTATE + "=").assertOk();

      await()
          .atMost(CONVERGE)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                Map<String, Map<String, byte[]>> now = pkiData(ns, tcp);
                byte[] ca = caPem(now, tcp);
                assertThat(CertificateChecks.fingerprint(ca)).isNotEqualTo(oldCa);
                X509Certificate newCa = Pem.decodeCertificate(ca);
                for (PkiSecret secret : SIGNED_BY_CA) {
                  if (!now.containsKey(secret.secretName(tcp))) {
                    continue; // konnectivity is not enabled in the sample
                  }
                  for (X509Certificate leaf : leaves(secret, now.get(secret.secretName(tcp)))) {
                    leaf.verify(newCa.getPublicKey());
                  }
                }
              });
      waitReady(ns, tcp);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(Files.readAllLines(statuses))
                      .contains("CertificateAuthorityRotating")
                      .endsWith("Ready"));
    } finally {
      watch.destroy();
    }

    Map<String, Map<String, byte[]>> after = pkiData(ns, tcp);
    String newCa = CertificateChecks.fingerprint(caPem(after, tcp));
    // Every kubeconfig embeds the new CA, and its client certificate is new.
    for (PkiSecret secret : SIGNED_BY_CA) {
      if (secret.kind() == PkiSecret.Kind.KUBECONFIG && after.containsKey(secret.secretName(tcp))) {
        for (String key : secret.dataKeys()) {
          Kubeconfigs.Kubeconfig k = Kubeconfigs.parse(after.get(secret.secretName(tcp)).get(key));
          assertThat(CertificateChecks.fingerprint(k.certificateAuthority()))
              .as(secret + " " + key)
              .isEqualTo(newCa);
        }
      }
      if (after.containsKey(secret.secretName(tcp))) {
        assertThat(after.get(secret.secretName(tcp)).equals(before.get(secret.secretName(tcp))))
            .as(secret + " reissued")
            .isFalse();
      }
    }
    // What the CA does not sign is kept.
    for (PkiSecret kept :
        List.of(
            PkiSecret.FRONT_PROXY_CA, PkiSecret.SERVICE_ACCOUNT, PkiSecret.FRONT_PROXY_CLIENT)) {
      assertThat(after.get(kept.secretName(tcp)).equals(before.get(kept.secretName(tcp))))
          .as(kept + " kept")
          .isTrue();
    }
    // The request is answered with the time it was done, so it is not repeated.
    String answered = annotation(ns, tcp + "-ca", ROTATE);
    assertThat(Instant.parse(answered)).isBefore(Instant.now().plusSeconds(5));
    // The pod template hashes the mounted Secrets: it changed, so the pods roll.
    assertThat(podTemplateMetadata(ns, tcp)).isNotEqualTo(oldTemplate);
    // The server's kubeconfig subresource serves the new CA.
    String kubeconfig =
        kubectl
            .run(
                "get",
                "--raw",
                "/apis/kamaji.clastix.io/v1alpha1/namespaces/"
                    + ns
                    + "/tenantcontrolplanes/"
                    + tcp
                    + "/kubeconfig")
            .assertOk()
            .stdout();
    assertThat(
            CertificateChecks.fingerprint(
                Kubeconfigs.parse(kubeconfig.getBytes(StandardCharsets.UTF_8))
                    .certificateAuthority()))
        .isEqualTo(newCa);
  }

  @Test
  void rotatingALeafReissuesThatLeafOnly() {
    String ns = namespace();
    String tcp = "leaf";
    create(ns, tcp);
    waitReady(ns, tcp);
    Map<String, Map<String, byte[]>> before = pkiData(ns, tcp);
    String apiServer = PkiSecret.API_SERVER.secretName(tcp);

    kubectl.run("annotate", "secret", apiServer, "-n", ns, ROTATE + "=").assertOk();

    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(annotation(ns, apiServer, ROTATE)).isNotEmpty());
    waitReady(ns, tcp);
    Map<String, Map<String, byte[]>> after = pkiData(ns, tcp);
    assertThat(after.get(apiServer).equals(before.get(apiServer))).as("reissued").isFalse();
    Pem.decodeCertificate(after.get(apiServer).get("apiserver.crt"));
    for (String name : before.keySet()) {
      if (!name.equals(apiServer)) {
        assertThat(after.get(name).equals(before.get(name))).as(name + " kept").isTrue();
      }
    }
  }

  @Test
  void aCertificateExpiringWithinTheDeadlineIsRenewed(@TempDir Path dir) throws Exception {
    String ns = namespace();
    String tcp = "expiring";
    create(ns, tcp);
    waitReady(ns, tcp);
    Map<String, Map<String, byte[]>> before = pkiData(ns, tcp);
    PkiSecret kubelet = PkiSecret.API_SERVER_KUBELET_CLIENT;
    String name = kubelet.secretName(tcp);
    // A valid certificate of the current CA that expires in 12 hours (the deadline is 24 h).
    CertificateBundle ca = PkiSecret.CA.bundle(before.get(PkiSecret.CA.secretName(tcp)));
    Instant now = Instant.now();
    CertificateBundle expiring =
        CertificateIssuer.issue(
            CertificateSpec.client(
                "kube-apiserver-kubelet-client",
                List.of(),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(12))),
            KeyAlgorithm.ECDSA_P256,
            ca);
    JsonObject data = new JsonObject();
    data.addProperty(kubelet.certificateKey(), base64(expiring.certificatePem()));
    data.addProperty(kubelet.privateKeyKey(), base64(expiring.privateKeyPem()));
    JsonObject patch = new JsonObject();
    patch.add("data", data);
    Path patchFile = dir.resolve("patch.json");
    Files.writeString(patchFile, patch.toString());
    kubectl
        .run("patch", "secret", name, "-n", ns, "--type=merge", "--patch-file=" + patchFile)
        .assertOk();

    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              X509Certificate current =
                  Pem.decodeCertificate(secretData(ns, name).get(kubelet.certificateKey()));
              assertThat(current.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(300)));
              current.verify(ca.certificate().getPublicKey());
            });
  }

  private static String namespace() {
    String ns = "e2e-rot-" + UUID.randomUUID().toString().substring(0, 8);
    kubectl.run("create", "namespace", ns).assertOk();
    return ns;
  }

  private static void create(String ns, String name) {
    JsonObject tcp = Samples.tcp(ns, name);
    tcp.getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("service")
        .addProperty("serviceType", "ClusterIP");
    kubectl.run(Map.of(), tcp.toString(), "create", "-f", "-").assertOk();
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

  /** Every status the TCP passes through, one a line, as kubectl's watch sees them. */
  private static Process watchVersionStatus(String ns, String name, Path out) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "kubectl",
                "--kubeconfig=" + cluster.kubeconfig(),
                "get",
                "tcp",
                name,
                "-n",
                ns,
                "--watch",
                "-o",
                "jsonpath={.status.kubernetesResources.version.status}{\"\\n\"}")
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("KUBECONFIG");
    Process process = builder.start();
    // The watch starts with the current state: wait for it so no later event is missed.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(Files.readAllLines(out)).contains("Ready"));
    return process;
  }

  /** The PKI Secrets of {@code tcp}, by name. */
  private static Map<String, Map<String, byte[]>> pkiData(String ns, String tcp) {
    Map<String, Map<String, byte[]>> all = new TreeMap<>();
    for (PkiSecret secret : PkiSecret.values()) {
      if (secret == PkiSecret.DATASTORE_CERTIFICATE) {
        continue;
      }
      String name = secret.secretName(tcp);
      var result = kubectl.run("get", "secret", name, "-n", ns, "-o", "json");
      if (result.exitCode() == 0) {
        V1Secret read = JSON.deserialize(result.stdout(), V1Secret.class);
        Map<String, byte[]> data = read.getData();
        all.put(name, new TreeMap<>(data == null ? Map.of() : data));
      }
    }
    // byte[] values compare by identity: keep them as Base64 text for equality checks.
    Map<String, Map<String, byte[]>> comparable = new TreeMap<>();
    all.forEach((k, v) -> comparable.put(k, new ComparableData(v)));
    return comparable;
  }

  private static Map<String, byte[]> secretData(String ns, String name) {
    V1Secret read =
        JSON.deserialize(
            kubectl.run("get", "secret", name, "-n", ns, "-o", "json").assertOk().stdout(),
            V1Secret.class);
    return read.getData();
  }

  private static byte[] caPem(Map<String, Map<String, byte[]>> data, String tcp) {
    return data.get(PkiSecret.CA.secretName(tcp)).get("ca.crt");
  }

  /** The certificates of a Secret: its leaf, or each kubeconfig's client certificate. */
  private static List<X509Certificate> leaves(PkiSecret secret, Map<String, byte[]> data) {
    if (secret.kind() == PkiSecret.Kind.X509) {
      return List.of(Pem.decodeCertificate(data.get(secret.certificateKey())));
    }
    return secret.dataKeys().stream()
        .map(key -> Pem.decodeCertificate(Kubeconfigs.parse(data.get(key)).clientCertificate()))
        .toList();
  }

  private static Map<String, String> podTemplateMetadata(String ns, String name) {
    V1Deployment deployment =
        JSON.deserialize(
            kubectl.run("get", "deployment", name, "-n", ns, "-o", "json").assertOk().stdout(),
            V1Deployment.class);
    Map<String, String> all = new TreeMap<>();
    var meta = deployment.getSpec().getTemplate().getMetadata();
    if (meta.getLabels() != null) {
      meta.getLabels().forEach((k, v) -> all.put("label " + k, v));
    }
    if (meta.getAnnotations() != null) {
      meta.getAnnotations().forEach((k, v) -> all.put("annotation " + k, v));
    }
    return all;
  }

  private static String annotation(String ns, String secret, String key) {
    JsonObject s =
        JsonParser.parseString(
                kubectl.run("get", "secret", secret, "-n", ns, "-o", "json").assertOk().stdout())
            .getAsJsonObject();
    JsonObject annotations = s.getAsJsonObject("metadata").getAsJsonObject("annotations");
    return annotations == null || !annotations.has(key) ? "" : annotations.get(key).getAsString();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Secret data whose equality compares contents, not array identity. */
  private static final class ComparableData extends TreeMap<String, byte[]> {
    private static final long serialVersionUID = 1L;

    ComparableData(Map<String, byte[]> data) {
      super(data);
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Map<?, ?> map) || map.size() != size()) {
        return false;
      }
      for (Map.Entry<String, byte[]> e : entrySet()) {
        if (!(map.get(e.getKey()) instanceof byte[] bytes)
            || !java.util.Arrays.equals(bytes, e.getValue())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int hash = 0;
      for (Map.Entry<String, byte[]> e : entrySet()) {
        hash += e.getKey().hashCode() ^ java.util.Arrays.hashCode(e.getValue());
      }
      return hash;
    }
  }
}
