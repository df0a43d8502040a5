package dev.controlplanes.kamaji.controllers.pki;

import static dev.controlplanes.kamaji.controllers.pki.Certs.CLIENT_AUTH;
import static dev.controlplanes.kamaji.controllers.pki.Certs.SERVER_AUTH;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TenantCertificatesTest {

  private static final Instant NOT_BEFORE = Fixtures.NOW.minus(Duration.ofMinutes(5));

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void issuesEverySecretWithKamajiNamesAndKeys(KeyAlgorithm algorithm) {
    List<SecretContent> all = List.copyOf(issue(algorithm).values());

    Map<String, List<String>> layout =
        all.stream()
            .collect(
                Collectors.toMap(
                    SecretContent::name, c -> List.copyOf(c.data().keySet()), (a, b) -> a));
    assertThat(layout)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("tenant-00-ca", List.of("ca.crt", "ca.key", "tls.crt", "tls.key")),
                Map.entry(
                    "tenant-00-front-proxy-ca-certificate",
                    List.of("front-proxy-ca.crt", "front-proxy-ca.key")),
                Map.entry("tenant-00-sa-certificate", List.of("sa.pub", "sa.key")),
                Map.entry(
                    "tenant-00-api-server-certificate", List.of("apiserver.crt", "apiserver.key")),
                Map.entry(
                    "tenant-00-api-server-kubelet-client-certificate",
                    List.of("apiserver-kubelet-client.crt", "apiserver-kubelet-client.key")),
                Map.entry(
                    "tenant-00-front-proxy-client-certificate",
                    List.of("front-proxy-client.crt", "front-proxy-client.key")),
                Map.entry(
                    "tenant-00-admin-kubeconfig",
                    List.of("admin.conf", "admin.svc", "super-admin.conf", "super-admin.svc")),
                Map.entry(
                    "tenant-00-controller-manager-kubeconfig", List.of("controller-manager.conf")),
                Map.entry("tenant-00-scheduler-kubeconfig", List.of("scheduler.conf")),
                Map.entry("tenant-00-konnectivity-certificate", List.of("tls.crt", "tls.key")),
                Map.entry(
                    "tenant-00-konnectivity-kubeconfig", List.of("konnectivity-server.conf"))));
    SecretContent ca = issue(algorithm).get(PkiSecret.CA);
    assertThat(ca.data().get("tls.crt")).isEqualTo(ca.data().get("ca.crt"));
    assertThat(ca.data().get("tls.key")).isEqualTo(ca.data().get("ca.key"));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void casAreKubeadmCas(KeyAlgorithm algorithm) throws Exception {
    Map<PkiSecret, SecretContent> pki = issue(algorithm);

    for (PkiSecret secret : List.of(PkiSecret.CA, PkiSecret.FRONT_PROXY_CA)) {
      X509Certificate ca = pki.get(secret).bundle().certificate();
      String cn = secret == PkiSecret.CA ? "kubernetes" : "front-proxy-ca";
      assertThat(Certs.commonName(ca)).isEqualTo(cn);
      assertThat(Certs.organizations(ca)).isEmpty();
      assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
      ca.verify(ca.getPublicKey());
      assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
      assertThat(Certs.keyUsages(ca)).containsExactlyElementsOf(expectedKeyUsages(algorithm, true));
      assertThat(ca.getExtendedKeyUsage()).isNull();
      assertThat(Certs.sans(ca, 2)).containsExactly(cn);
      assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOT_BEFORE);
      assertThat(ca.getNotAfter().toInstant()).isEqualTo(Fixtures.NOW.plus(Duration.ofDays(3650)));
      assertThat(KeyAlgorithm.of(ca.getPublicKey())).isEqualTo(algorithm);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void apiServerCoversKubeadmAndKamajiSans(KeyAlgorithm algorithm) throws Exception {
    Map<PkiSecret, SecretContent> pki = issue(algorithm);
    X509Certificate ca = pki.get(PkiSecret.CA).bundle().certificate();
    X509Certificate apiServer = pki.get(PkiSecret.API_SERVER).bundle().certificate();

    assertLeaf(apiServer, ca, algorithm, "kube-apiserver", List.of(), List.of(SERVER_AUTH));
    assertThat(Certs.sans(apiServer, 2))
        .containsExactly(
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc",
            "kubernetes.default.svc.tenant.local",
            "localhost",
            "tenant-00",
            "tenant-00.tenants.svc",
            "tenant-00.tenants.svc.cluster.local",
            "api.example.com");
    assertThat(Certs.sans(apiServer, 7))
        .containsExactly(
            "10.96.0.1", "fd00:10:96:0:0:0:0:1", "172.18.0.100", "127.0.0.1", "203.0.113.7");
  }

  @Test
  void aHostnameEndpointIsADnsSan() throws Exception {
    TenantPkiParameters parameters =
        Fixtures.parameters(KeyAlgorithm.ECDSA_P256).withEndpoint("tenant-00.example.org", 443);
    TenantCertificates certificates = new TenantCertificates(parameters);

    X509Certificate apiServer =
        certificates.apiServer(certificates.ca().bundle()).bundle().certificate();

    assertThat(Certs.sans(apiServer, 2)).contains("tenant-00.example.org");
    assertThat(certificates.apiServerSans()).contains("tenant-00.example.org", "10.96.0.1");
    assertThat(parameters.publicServer()).isEqualTo("https://tenant-00.example.org:443");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void clientCertificatesHaveKubeadmSubjects(KeyAlgorithm algorithm) throws Exception {
    Map<PkiSecret, SecretContent> pki = issue(algorithm);
    X509Certificate ca = pki.get(PkiSecret.CA).bundle().certificate();
    X509Certificate frontProxyCa = pki.get(PkiSecret.FRONT_PROXY_CA).bundle().certificate();

    assertLeaf(
        pki.get(PkiSecret.API_SERVER_KUBELET_CLIENT).bundle().certificate(),
        ca,
        algorithm,
        "kube-apiserver-kubelet-client",
        List.of(),
        List.of(CLIENT_AUTH));
    assertLeaf(
        pki.get(PkiSecret.FRONT_PROXY_CLIENT).bundle().certificate(),
        frontProxyCa,
        algorithm,
        "front-proxy-client",
        List.of(),
        List.of(CLIENT_AUTH));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void konnectivityCertificateIsLongLivedMaster(KeyAlgorithm algorithm) throws Exception {
    Map<PkiSecret, SecretContent> pki = issue(algorithm);
    X509Certificate ca = pki.get(PkiSecret.CA).bundle().certificate();
    X509Certificate konnectivity =
        pki.get(PkiSecret.KONNECTIVITY_CERTIFICATE).bundle().certificate();

    assertThat(Certs.commonName(konnectivity)).isEqualTo("system:konnectivity-server");
    assertThat(Certs.organizations(konnectivity)).containsExactly("system:masters");
    assertThat(Certs.extendedUsages(konnectivity)).containsExactly(SERVER_AUTH, CLIENT_AUTH);
    konnectivity.verify(ca.getPublicKey());
    assertThat(konnectivity.getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2036-11-21T12:00:00Z"));
    assertThat(PkiSecret.KONNECTIVITY_CERTIFICATE.secretType()).isEqualTo("kubernetes.io/tls");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void serviceAccountKeyPairMatches(KeyAlgorithm algorithm) {
    SecretContent sa = issue(algorithm).get(PkiSecret.SERVICE_ACCOUNT);

    assertThat(Pem.decodePublicKey(sa.data().get("sa.pub")).getEncoded())
        .isEqualTo(Pem.decodePrivateKey(sa.data().get("sa.key")).getPublic().getEncoded());
    assertThat(KeyAlgorithm.of(Pem.decodePublicKey(sa.data().get("sa.pub")))).isEqualTo(algorithm);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void kubeconfigsHaveKubeadmUsersAndServers(KeyAlgorithm algorithm) throws Exception {
    Map<PkiSecret, SecretContent> pki = issue(algorithm);
    X509Certificate ca = pki.get(PkiSecret.CA).bundle().certificate();
    byte[] caPem = pki.get(PkiSecret.CA).data().get("ca.crt");

    record Expected(
        PkiSecret secret, String key, String server, String user, List<String> groups) {}
    String cluster = "tenant-00";
    List<Expected> expectations =
        List.of(
            new Expected(
                PkiSecret.ADMIN_KUBECONFIG,
                "admin.conf",
                "https://172.18.0.100:6443",
                "kubernetes-admin",
                List.of("kubeadm:cluster-admins")),
            new Expected(
                PkiSecret.ADMIN_KUBECONFIG,
                "admin.svc",
                "https://tenant-00.tenants.svc:6443",
                "kubernetes-admin",
                List.of("kubeadm:cluster-admins")),
            new Expected(
                PkiSecret.ADMIN_KUBECONFIG,
                "super-admin.conf",
                "https://172.18.0.100:6443",
                "kubernetes-super-admin",
                List.of("system:masters")),
            new Expected(
                PkiSecret.ADMIN_KUBECONFIG,
                "super-admin.svc",
                "https://tenant-00.tenants.svc:6443",
                "kubernetes-super-admin",
                List.of("system:masters")),
            new Expected(
                PkiSecret.CONTROLLER_MANAGER_KUBECONFIG,
                "controller-manager.conf",
                "https://localhost:6443",
                "system:kube-controller-manager",
                List.of()),
            new Expected(
                PkiSecret.SCHEDULER_KUBECONFIG,
                "scheduler.conf",
                "https://localhost:6443",
                "system:kube-scheduler",
                List.of()),
            new Expected(
                PkiSecret.KONNECTIVITY_KUBECONFIG,
                "konnectivity-server.conf",
                "https://localhost:6443",
                "system:konnectivity-server",
                List.of("system:masters")));
    for (Expected expected : expectations) {
      Kubeconfigs.Kubeconfig kubeconfig =
          Kubeconfigs.parse(pki.get(expected.secret()).data().get(expected.key()));
      String expectedCluster =
          expected.secret() == PkiSecret.KONNECTIVITY_KUBECONFIG ? "kubernetes" : cluster;
      assertThat(kubeconfig.clusterName()).as(expected.key()).isEqualTo(expectedCluster);
      assertThat(kubeconfig.server()).as(expected.key()).isEqualTo(expected.server());
      assertThat(kubeconfig.userName()).as(expected.key()).isEqualTo(expected.user());
      assertThat(kubeconfig.contextName()).isEqualTo(expected.user() + "@" + expectedCluster);
      assertThat(kubeconfig.certificateAuthority()).isEqualTo(caPem);
      CertificateBundle client =
          CertificateBundle.fromPem(kubeconfig.clientCertificate(), kubeconfig.clientKey());
      List<String> usages =
          expected.secret() == PkiSecret.KONNECTIVITY_KUBECONFIG
              ? List.of(SERVER_AUTH, CLIENT_AUTH)
              : List.of(CLIENT_AUTH);
      assertThat(Certs.commonName(client.certificate())).isEqualTo(expected.user());
      assertThat(Certs.organizations(client.certificate()))
          .as(expected.key())
          .containsExactlyElementsOf(expected.groups());
      assertThat(Certs.extendedUsages(client.certificate())).isEqualTo(usages);
      client.certificate().verify(ca.getPublicKey());
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void datastoreCertificateIsSignedByTheDataStoreCa(KeyAlgorithm algorithm) throws Exception {
    CertificateBundle dataStoreCa = Fixtures.ca("etcd-ca", KeyAlgorithm.RSA_2048);

    SecretContent content =
        TenantCertificates.datastoreCertificate(
            "tenant-00", "tenants_tenant-00", dataStoreCa, algorithm, Fixtures.CLOCK);

    assertThat(content.name()).isEqualTo("tenant-00-datastore-certificate");
    assertThat(content.data().keySet()).containsExactly("ca.crt", "server.crt", "server.key");
    assertThat(content.data().get("ca.crt")).isEqualTo(dataStoreCa.certificatePem());
    X509Certificate certificate = content.bundle().certificate();
    assertThat(Certs.commonName(certificate)).isEqualTo("tenants_tenant-00");
    assertThat(Certs.organizations(certificate)).containsExactly("system:masters");
    assertThat(Certs.extendedUsages(certificate)).containsExactly(SERVER_AUTH, CLIENT_AUTH);
    assertThat(certificate.getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2036-11-21T12:00:00Z"));
    certificate.verify(dataStoreCa.certificate().getPublicKey());
    assertThat(KeyAlgorithm.of(certificate.getPublicKey())).isEqualTo(algorithm);
  }

  @Test
  void serialsAreRandomPositive63BitNumbers() {
    TenantCertificates certificates =
        new TenantCertificates(Fixtures.parameters(KeyAlgorithm.ECDSA_P256));
    CertificateBundle ca = certificates.ca().bundle();

    List<java.math.BigInteger> serials =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(
                i ->
                    certificates
                        .apiServerKubeletClient(ca)
                        .bundle()
                        .certificate()
                        .getSerialNumber())
            .toList();

    assertThat(serials).doesNotHaveDuplicates();
    assertThat(serials).allSatisfy(s -> assertThat(s.signum()).isPositive());
    assertThat(serials).allSatisfy(s -> assertThat(s.bitLength()).isLessThanOrEqualTo(63));
  }

  private static void assertLeaf(
      X509Certificate leaf,
      X509Certificate ca,
      KeyAlgorithm algorithm,
      String commonName,
      List<String> organizations,
      List<String> usages)
      throws Exception {
    assertThat(Certs.commonName(leaf)).isEqualTo(commonName);
    assertThat(Certs.organizations(leaf)).containsExactlyElementsOf(organizations);
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    leaf.verify(ca.getPublicKey());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(Certs.keyUsages(leaf))
        .containsExactlyElementsOf(expectedKeyUsages(algorithm, false));
    assertThat(Certs.extendedUsages(leaf)).containsExactlyElementsOf(usages);
    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOT_BEFORE);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(Fixtures.NOW.plus(Duration.ofDays(365)));
    assertThat(KeyAlgorithm.of(leaf.getPublicKey())).isEqualTo(algorithm);
  }

  private static List<String> expectedKeyUsages(KeyAlgorithm algorithm, boolean ca) {
    List<String> usages = new java.util.ArrayList<>(List.of("digitalSignature"));
    if (algorithm == KeyAlgorithm.RSA_2048) {
      usages.add("keyEncipherment");
    }
    if (ca) {
      usages.add("keyCertSign");
    }
    return usages;
  }

  private static Map<PkiSecret, SecretContent> issue(KeyAlgorithm algorithm) {
    return Fixtures.bySecret(new TenantCertificates(Fixtures.parameters(algorithm)).issueAll());
  }
}
