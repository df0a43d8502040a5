package dev.controlplanes.kamaji.controllers.pki;

import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.EXPIRING;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.INVALID;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.KEY_MISMATCH;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.MISSING;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.NOT_SIGNED_BY_CA;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.ROTATION_REQUESTED;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.SANS_NOT_COVERED;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.SERVER_CHANGED;
import static dev.controlplanes.kamaji.controllers.pki.CertificateChecks.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateChecksTest {

  private static final Map<String, String> NO_ANNOTATIONS = Map.of();
  private static final CertificateChecks CHECKS =
      new CertificateChecks(Duration.ofHours(24), Fixtures.CLOCK);

  private static TenantCertificates certificates;
  private static Map<PkiSecret, SecretContent> pki;
  private static byte[] caPem;
  private static byte[] apiCrt;
  private static byte[] apiKey;

  @BeforeAll
  static void issue() {
    certificates = new TenantCertificates(Fixtures.parameters(KeyAlgorithm.ECDSA_P256));
    pki = Fixtures.bySecret(certificates.issueAll());
    caPem = pki.get(PkiSecret.CA).data().get("ca.crt");
    apiCrt = pki.get(PkiSecret.API_SERVER).data().get("apiserver.crt");
    apiKey = pki.get(PkiSecret.API_SERVER).data().get("apiserver.key");
  }

  @Test
  void aFreshCertificateIsValid() {
    assertThat(CHECKS.check(apiCrt, apiKey, caPem, certificates.apiServerSans(), NO_ANNOTATIONS))
        .isEqualTo(VALID);
    assertThat(VALID.mustRegenerate()).isFalse();
  }

  @Test
  void missingWhenEitherHalfIsAbsentOrEmpty() {
    assertThat(CHECKS.check(null, apiKey, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(MISSING);
    assertThat(CHECKS.check(apiCrt, new byte[0], caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(MISSING);
    assertThat(MISSING.mustRegenerate()).isTrue();
  }

  @Test
  void invalidWhenUnparseableOrNotYetValid() {
    byte[] garbage = "not pem".getBytes(StandardCharsets.US_ASCII);
    assertThat(CHECKS.check(garbage, apiKey, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(INVALID);
    assertThat(CHECKS.check(apiCrt, garbage, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(INVALID);
    CertificateChecks anHourEarlier =
        new CertificateChecks(Duration.ofHours(24), at(Fixtures.NOW.minus(Duration.ofHours(1))));
    assertThat(anHourEarlier.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(INVALID);
  }

  @Test
  void rotationIsRequestedByAnEmptyAnnotationOnly() {
    Map<String, String> requested = Map.of(CertificateChecks.ROTATE_ANNOTATION, "");
    Map<String, String> done = Map.of(CertificateChecks.ROTATE_ANNOTATION, "2026-11-21T12:00:00Z");

    assertThat(CHECKS.check(apiCrt, apiKey, caPem, List.of(), requested))
        .isEqualTo(ROTATION_REQUESTED);
    assertThat(CHECKS.check(apiCrt, apiKey, caPem, List.of(), done)).isEqualTo(VALID);
    assertThat(CertificateChecks.rotationDoneValue(Instant.parse("2026-11-21T12:00:00.123Z")))
        .isEqualTo("2026-11-21T12:00:00Z");
    assertThat(CertificateChecks.isRotationRequested(null)).isFalse();
  }

  @Test
  void notSignedByAnotherCaWithTheSameName() {
    // Same subject "CN=kubernetes": only the signature tells them apart.
    byte[] otherCa =
        new TenantCertificates(Fixtures.parameters(KeyAlgorithm.ECDSA_P256))
            .ca()
            .data()
            .get("ca.crt");

    assertThat(CHECKS.check(apiCrt, apiKey, otherCa, List.of(), NO_ANNOTATIONS))
        .isEqualTo(NOT_SIGNED_BY_CA);
  }

  @Test
  void keyMismatchWhenTheKeyBelongsToAnotherCertificate() {
    byte[] otherKey =
        pki.get(PkiSecret.API_SERVER_KUBELET_CLIENT).data().get("apiserver-kubelet-client.key");

    assertThat(CHECKS.check(apiCrt, otherKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(KEY_MISMATCH);
  }

  @Test
  void sansNotCoveredWhenARequiredNameOrAddressIsAbsent() {
    TenantCertificates moreSans =
        new TenantCertificates(
            Fixtures.parameters(KeyAlgorithm.ECDSA_P256)
                .withCertSans(List.of("api.example.com", "203.0.113.7", "new.example.com")));
    assertThat(CHECKS.check(apiCrt, apiKey, caPem, moreSans.apiServerSans(), NO_ANNOTATIONS))
        .isEqualTo(SANS_NOT_COVERED);
    assertThat(CHECKS.check(apiCrt, apiKey, caPem, List.of("198.51.100.1"), NO_ANNOTATIONS))
        .isEqualTo(SANS_NOT_COVERED);
    // IPv6 in another spelling and DNS in another case still match; fewer SANs are tolerated.
    assertThat(
            CHECKS.check(
                apiCrt, apiKey, caPem, List.of("fd00:10:96::1", "KUBERNETES"), NO_ANNOTATIONS))
        .isEqualTo(VALID);
  }

  @Test
  void expiringWithinTheConfiguredDeadline() {
    Instant notAfter = Fixtures.NOW.plus(Duration.ofDays(365));
    CertificateChecks dayBefore =
        new CertificateChecks(Duration.ofHours(24), at(notAfter.minus(Duration.ofHours(23))));
    CertificateChecks twoDaysBefore =
        new CertificateChecks(Duration.ofHours(24), at(notAfter.minus(Duration.ofHours(25))));
    CertificateChecks wideDeadline = new CertificateChecks(Duration.ofDays(400), Fixtures.CLOCK);

    assertThat(dayBefore.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(EXPIRING);
    assertThat(twoDaysBefore.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(VALID);
    assertThat(wideDeadline.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(EXPIRING);
    assertThat(CHECKS.recheckAt(apiCrt)).isEqualTo(notAfter.minus(Duration.ofHours(24)));
  }

  @Test
  void caChecksIgnoreExpiryButNotShape() {
    byte[] caKey = pki.get(PkiSecret.CA).data().get("ca.key");
    CertificateChecks inElevenYears =
        new CertificateChecks(Duration.ofHours(24), at(Fixtures.NOW.plus(Duration.ofDays(4000))));

    assertThat(CHECKS.checkCa(caPem, caKey, NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(inElevenYears.checkCa(caPem, caKey, NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(CHECKS.checkCa(caPem, null, NO_ANNOTATIONS)).isEqualTo(MISSING);
    assertThat(CHECKS.checkCa(apiCrt, apiKey, NO_ANNOTATIONS)).isEqualTo(INVALID);
    assertThat(CHECKS.checkCa(caPem, apiKey, NO_ANNOTATIONS)).isEqualTo(KEY_MISMATCH);
    assertThat(CHECKS.checkCa(caPem, caKey, Map.of(CertificateChecks.ROTATE_ANNOTATION, "")))
        .isEqualTo(ROTATION_REQUESTED);
  }

  @Test
  void serviceAccountKeyPair() {
    byte[] pub = pki.get(PkiSecret.SERVICE_ACCOUNT).data().get("sa.pub");
    byte[] key = pki.get(PkiSecret.SERVICE_ACCOUNT).data().get("sa.key");

    assertThat(CHECKS.checkKeyPair(pub, key, NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(CHECKS.checkKeyPair(pub, apiKey, NO_ANNOTATIONS)).isEqualTo(KEY_MISMATCH);
    assertThat(CHECKS.checkKeyPair(apiCrt, key, NO_ANNOTATIONS)).isEqualTo(INVALID);
    assertThat(CHECKS.checkKeyPair(new byte[0], key, NO_ANNOTATIONS)).isEqualTo(MISSING);
  }

  @Test
  void kubeconfigChecksLookAtTheEmbeddedClientCertificateCaAndServer() {
    byte[] admin = pki.get(PkiSecret.ADMIN_KUBECONFIG).data().get("admin.conf");
    String server = certificates.server("admin.conf");
    byte[] otherCa =
        new TenantCertificates(Fixtures.parameters(KeyAlgorithm.ECDSA_P256))
            .ca()
            .data()
            .get("ca.crt");
    CertificateChecks nearExpiry =
        new CertificateChecks(
            Duration.ofHours(24),
            at(Fixtures.NOW.plus(Duration.ofDays(365)).minus(Duration.ofHours(1))));

    assertThat(CHECKS.checkKubeconfig(admin, caPem, server, NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(CHECKS.checkKubeconfig(null, caPem, server, NO_ANNOTATIONS)).isEqualTo(MISSING);
    assertThat(
            CHECKS.checkKubeconfig(
                "{".getBytes(StandardCharsets.UTF_8), caPem, server, NO_ANNOTATIONS))
        .isEqualTo(INVALID);
    assertThat(CHECKS.checkKubeconfig(admin, otherCa, server, NO_ANNOTATIONS))
        .isEqualTo(NOT_SIGNED_BY_CA);
    assertThat(CHECKS.checkKubeconfig(admin, caPem, "https://10.0.0.1:6443", NO_ANNOTATIONS))
        .isEqualTo(SERVER_CHANGED);
    assertThat(nearExpiry.checkKubeconfig(admin, caPem, server, NO_ANNOTATIONS))
        .isEqualTo(EXPIRING);
    assertThat(
            CHECKS.checkKubeconfig(
                admin, caPem, server, Map.of(CertificateChecks.ROTATE_ANNOTATION, "")))
        .isEqualTo(ROTATION_REQUESTED);

    Kubeconfigs.Kubeconfig parsed = Kubeconfigs.parse(admin);
    byte[] swappedKey =
        Kubeconfigs.render(
            new Kubeconfigs.Kubeconfig(
                parsed.clusterName(),
                parsed.server(),
                parsed.userName(),
                parsed.certificateAuthority(),
                parsed.clientCertificate(),
                apiKey));
    assertThat(CHECKS.checkKubeconfig(swappedKey, caPem, server, NO_ANNOTATIONS))
        .isEqualTo(KEY_MISMATCH);
    byte[] staleCa =
        Kubeconfigs.render(
            new Kubeconfigs.Kubeconfig(
                parsed.clusterName(),
                parsed.server(),
                parsed.userName(),
                otherCa,
                parsed.clientCertificate(),
                parsed.clientKey()));
    assertThat(CHECKS.checkKubeconfig(staleCa, caPem, server, NO_ANNOTATIONS))
        .isEqualTo(NOT_SIGNED_BY_CA);
  }

  @Test
  void everySecretOfAFreshPkiVerifies() {
    for (SecretContent content : pki.values()) {
      assertThat(
              certificates.verify(
                  CHECKS,
                  content.secret(),
                  content.data(),
                  NO_ANNOTATIONS,
                  issuerOf(content.secret(), pki)))
          .as(content.name())
          .isEqualTo(VALID);
    }
  }

  @Test
  void aNewCaInvalidatesEverythingItSigned() {
    SecretContent newCa = certificates.ca();
    Map<PkiSecret, SecretContent> rotated = new HashMap<>(pki);
    rotated.put(PkiSecret.CA, newCa);

    assertThat(CertificateChecks.caChanged(caPem, newCa.data().get("ca.crt"))).isTrue();
    assertThat(CertificateChecks.caChanged(caPem, caPem.clone())).isFalse();
    assertThat(CertificateChecks.fingerprint(caPem))
        .hasSize(64)
        .isNotEqualTo(CertificateChecks.fingerprint(newCa.data().get("ca.crt")));
    assertThat(PkiSecret.signedBy(PkiSecret.FRONT_PROXY_CA))
        .containsExactly(PkiSecret.FRONT_PROXY_CLIENT);
    assertThat(PkiSecret.signedBy(null))
        .containsExactlyInAnyOrder(
            PkiSecret.CA,
            PkiSecret.FRONT_PROXY_CA,
            PkiSecret.SERVICE_ACCOUNT,
            PkiSecret.DATASTORE_CERTIFICATE);
    assertThat(PkiSecret.signedBy(PkiSecret.CA))
        .containsExactlyInAnyOrder(
            PkiSecret.API_SERVER,
            PkiSecret.API_SERVER_KUBELET_CLIENT,
            PkiSecret.KONNECTIVITY_CERTIFICATE,
            PkiSecret.ADMIN_KUBECONFIG,
            PkiSecret.CONTROLLER_MANAGER_KUBECONFIG,
            PkiSecret.SCHEDULER_KUBECONFIG,
            PkiSecret.KONNECTIVITY_KUBECONFIG);
    for (PkiSecret secret :
        List.of(
            PkiSecret.API_SERVER,
            PkiSecret.API_SERVER_KUBELET_CLIENT,
            PkiSecret.KONNECTIVITY_CERTIFICATE,
            PkiSecret.ADMIN_KUBECONFIG,
            PkiSecret.CONTROLLER_MANAGER_KUBECONFIG,
            PkiSecret.SCHEDULER_KUBECONFIG,
            PkiSecret.KONNECTIVITY_KUBECONFIG)) {
      assertThat(
              certificates.verify(
                  CHECKS,
                  secret,
                  pki.get(secret).data(),
                  NO_ANNOTATIONS,
                  issuerOf(secret, rotated)))
          .as(secret.name())
          .isEqualTo(NOT_SIGNED_BY_CA);
    }
    // The front-proxy chain has its own CA and is not affected.
    assertThat(
            certificates.verify(
                CHECKS,
                PkiSecret.FRONT_PROXY_CLIENT,
                pki.get(PkiSecret.FRONT_PROXY_CLIENT).data(),
                NO_ANNOTATIONS,
                issuerOf(PkiSecret.FRONT_PROXY_CLIENT, rotated)))
        .isEqualTo(VALID);
  }

  @Test
  void verifyReportsTheFirstBadKubeconfigOfASecret() {
    Map<String, byte[]> data = new HashMap<>(pki.get(PkiSecret.ADMIN_KUBECONFIG).data());
    data.remove("super-admin.svc");

    assertThat(certificates.verify(CHECKS, PkiSecret.ADMIN_KUBECONFIG, data, NO_ANNOTATIONS, caPem))
        .isEqualTo(MISSING);
  }

  private static byte[] issuerOf(PkiSecret secret, Map<PkiSecret, SecretContent> pki) {
    return secret == PkiSecret.FRONT_PROXY_CLIENT
        ? pki.get(PkiSecret.FRONT_PROXY_CA).data().get("front-proxy-ca.crt")
        : pki.get(PkiSecret.CA).data().get("ca.crt");
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
