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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The memoized checks give the verdicts of the uncached ones, and only memoize what may be. */
class CertificateChecksCacheTest {

  private static final Map<String, String> NO_ANNOTATIONS = Map.of();
  private static final Duration DEADLINE = Duration.ofHours(24);

  private static TenantCertificates certificates;
  private static Map<PkiSecret, SecretContent> pki;
  private static byte[] caPem;
  private static byte[] otherCaPem;
  private static byte[] apiCrt;
  private static byte[] apiKey;
  private static byte[] admin;
  private static String adminServer;

  @BeforeAll
  static void issue() {
    certificates = new TenantCertificates(Fixtures.parameters(KeyAlgorithm.ECDSA_P256));
    pki = Fixtures.bySecret(certificates.issueAll());
    caPem = pki.get(PkiSecret.CA).data().get("ca.crt");
    otherCaPem = certificates.ca().data().get("ca.crt");
    apiCrt = pki.get(PkiSecret.API_SERVER).data().get("apiserver.crt");
    apiKey = pki.get(PkiSecret.API_SERVER).data().get("apiserver.key");
    admin = pki.get(PkiSecret.ADMIN_KUBECONFIG).data().get("admin.conf");
    adminServer = certificates.server("admin.conf");
  }

  /** One check over fixed bytes. */
  private interface Check {
    CertificateChecks.Verdict run(CertificateChecks checks);
  }

  @Test
  void memoizedVerdictsEqualUncachedOnesForGoodAndBadInputs() {
    byte[] kubeletKey =
        pki.get(PkiSecret.API_SERVER_KUBELET_CLIENT).data().get("apiserver-kubelet-client.key");
    byte[] caKey = pki.get(PkiSecret.CA).data().get("ca.key");
    byte[] saPub = pki.get(PkiSecret.SERVICE_ACCOUNT).data().get("sa.pub");
    byte[] saKey = pki.get(PkiSecret.SERVICE_ACCOUNT).data().get("sa.key");
    byte[] tamperedCrt = flipLastByte(apiCrt);
    byte[] tamperedKey = flipPrivateScalar(apiKey);
    Kubeconfigs.Kubeconfig parsed = Kubeconfigs.parse(admin);
    Map<String, Check> cases = new LinkedHashMap<>();
    Map<String, CertificateChecks.Verdict> expected = new LinkedHashMap<>();
    add(
        cases,
        expected,
        "valid leaf",
        VALID,
        c -> c.check(apiCrt, apiKey, caPem, certificates.apiServerSans(), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "wrong CA",
        NOT_SIGNED_BY_CA,
        c -> c.check(apiCrt, apiKey, otherCaPem, List.of(), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "another certificate's key",
        KEY_MISMATCH,
        c -> c.check(apiCrt, kubeletKey, caPem, List.of(), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "tampered signature",
        NOT_SIGNED_BY_CA,
        c -> c.check(tamperedCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "tampered private key",
        KEY_MISMATCH,
        c -> c.check(apiCrt, tamperedKey, caPem, List.of(), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "SAN not covered",
        SANS_NOT_COVERED,
        c -> c.check(apiCrt, apiKey, caPem, List.of("new.example.com"), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "garbage certificate",
        INVALID,
        c -> c.check(ascii("not pem"), apiKey, caPem, List.of(), NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "missing key",
        MISSING,
        c -> c.check(apiCrt, new byte[0], caPem, List.of(), NO_ANNOTATIONS));
    add(cases, expected, "valid CA", VALID, c -> c.checkCa(caPem, caKey, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "CA with a leaf key",
        KEY_MISMATCH,
        c -> c.checkCa(caPem, apiKey, NO_ANNOTATIONS));
    add(cases, expected, "leaf as a CA", INVALID, c -> c.checkCa(apiCrt, apiKey, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "valid key pair",
        VALID,
        c -> c.checkKeyPair(saPub, saKey, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "mismatched key pair",
        KEY_MISMATCH,
        c -> c.checkKeyPair(saPub, apiKey, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "valid kubeconfig",
        VALID,
        c -> c.checkKubeconfig(admin, caPem, adminServer, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "kubeconfig against another CA",
        NOT_SIGNED_BY_CA,
        c -> c.checkKubeconfig(admin, otherCaPem, adminServer, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "kubeconfig for another server",
        SERVER_CHANGED,
        c -> c.checkKubeconfig(admin, caPem, "https://10.0.0.1:6443", NO_ANNOTATIONS));
    byte[] tamperedKubeconfig = withClient(parsed, flipLastByte(parsed.clientCertificate()));
    add(
        cases,
        expected,
        "kubeconfig with a tampered client certificate",
        NOT_SIGNED_BY_CA,
        c -> c.checkKubeconfig(tamperedKubeconfig, caPem, adminServer, NO_ANNOTATIONS));
    add(
        cases,
        expected,
        "unparseable kubeconfig",
        INVALID,
        c -> c.checkKubeconfig(ascii("{"), caPem, adminServer, NO_ANNOTATIONS));

    CertificateChecks uncached =
        new CertificateChecks(DEADLINE, Fixtures.CLOCK, new VerificationCache<>(0));
    VerificationCache<CertificateChecks.Facts> cache = new VerificationCache<>(100);
    CertificateChecks cached = new CertificateChecks(DEADLINE, Fixtures.CLOCK, cache);
    for (Map.Entry<String, Check> entry : cases.entrySet()) {
      String name = entry.getKey();
      Check check = entry.getValue();
      assertThat(check.run(uncached)).as(name + " uncached").isEqualTo(expected.get(name));
      assertThat(check.run(cached)).as(name + " computed").isEqualTo(expected.get(name));
      assertThat(check.run(cached)).as(name + " memoized").isEqualTo(expected.get(name));
    }
    assertThat(cache.size()).isEqualTo(cases.size());
  }

  @Test
  void aChangedInputIsVerifiedAgain() {
    VerificationCache<CertificateChecks.Facts> cache = new VerificationCache<>(100);
    CertificateChecks checks = new CertificateChecks(DEADLINE, Fixtures.CLOCK, cache);

    assertThat(checks.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(checks.check(apiCrt.clone(), apiKey.clone(), caPem.clone(), List.of(), Map.of()))
        .isEqualTo(VALID);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(checks.check(flipLastByte(apiCrt), apiKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(NOT_SIGNED_BY_CA);
    assertThat(checks.check(apiCrt, apiKey, otherCaPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(NOT_SIGNED_BY_CA);
    assertThat(cache.size()).isEqualTo(3);

    assertThat(checks.checkKubeconfig(admin, caPem, adminServer, NO_ANNOTATIONS)).isEqualTo(VALID);
    byte[] edited = admin.clone();
    // Same YAML, another byte: a space before the end of the document.
    edited[edited.length - 1] = ' ';
    assertThat(checks.checkKubeconfig(edited, caPem, adminServer, NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(cache.size()).isEqualTo(5);
  }

  @Test
  void timeAndRotationAreJudgedOnEveryCallOverMemoizedFacts() {
    VerificationCache<CertificateChecks.Facts> cache = new VerificationCache<>(100);
    Instant notAfter = Fixtures.NOW.plus(Duration.ofDays(365));
    CertificateChecks now = new CertificateChecks(DEADLINE, Fixtures.CLOCK, cache);
    CertificateChecks nearExpiry =
        new CertificateChecks(DEADLINE, at(notAfter.minus(Duration.ofHours(1))), cache);
    CertificateChecks tooEarly =
        new CertificateChecks(DEADLINE, at(Fixtures.NOW.minus(Duration.ofHours(1))), cache);
    Map<String, String> rotate = Map.of(CertificateChecks.ROTATE_ANNOTATION, "");

    assertThat(now.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(nearExpiry.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS))
        .isEqualTo(EXPIRING);
    assertThat(tooEarly.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(INVALID);
    assertThat(now.check(apiCrt, apiKey, caPem, List.of(), rotate)).isEqualTo(ROTATION_REQUESTED);
    assertThat(now.check(apiCrt, apiKey, caPem, List.of(), NO_ANNOTATIONS)).isEqualTo(VALID);
    assertThat(nearExpiry.checkKubeconfig(admin, caPem, adminServer, NO_ANNOTATIONS))
        .isEqualTo(EXPIRING);
    assertThat(now.checkKubeconfig(admin, caPem, adminServer, rotate))
        .isEqualTo(ROTATION_REQUESTED);
    assertThat(now.checkKubeconfig(admin, caPem, adminServer, NO_ANNOTATIONS)).isEqualTo(VALID);
    // One entry per content: the leaf and the kubeconfig, whatever the clock or annotations.
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void anUnreadableCaStillThrowsAndIsNotMemoized() {
    VerificationCache<CertificateChecks.Facts> cache = new VerificationCache<>(100);
    CertificateChecks checks = new CertificateChecks(DEADLINE, Fixtures.CLOCK, cache);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> checks.check(apiCrt, apiKey, ascii("no CA"), List.of(), NO_ANNOTATIONS))
          .isInstanceOf(PemException.class);
      assertThatThrownBy(
              () -> checks.checkKubeconfig(admin, ascii("no CA"), adminServer, NO_ANNOTATIONS))
          .isInstanceOf(PemException.class);
    }
    assertThat(cache.size()).isZero();
  }

  @Test
  void memoizedFactsStayWithinTheCapacity() {
    VerificationCache<CertificateChecks.Facts> cache = new VerificationCache<>(8);
    CertificateChecks checks = new CertificateChecks(DEADLINE, Fixtures.CLOCK, cache);
    // Required SANs are part of the key: each list is another entry over the same certificate.
    for (int i = 0; i < 50; i++) {
      assertThat(checks.check(apiCrt, apiKey, caPem, List.of("n" + i + ".example.com"), Map.of()))
          .isEqualTo(SANS_NOT_COVERED);
    }
    assertThat(cache.size()).isEqualTo(8);
  }

  private static void add(
      Map<String, Check> cases,
      Map<String, CertificateChecks.Verdict> expected,
      String name,
      CertificateChecks.Verdict verdict,
      Check check) {
    cases.put(name, check);
    expected.put(name, verdict);
  }

  private static byte[] withClient(Kubeconfigs.Kubeconfig parsed, byte[] clientCertificate) {
    return Kubeconfigs.render(
        new Kubeconfigs.Kubeconfig(
            parsed.clusterName(),
            parsed.server(),
            parsed.userName(),
            parsed.certificateAuthority(),
            clientCertificate,
            parsed.clientKey()));
  }

  /** The last DER byte is in the signature value: the certificate still parses, unverifiable. */
  private static byte[] flipLastByte(byte[] certificatePem) {
    PemObject block = block(certificatePem);
    byte[] der = block.getContent();
    der[der.length - 1] ^= 0x01;
    return Pem.encode(block.getType(), der);
  }

  /** SEC 1: SEQUENCE, INTEGER 1, OCTET STRING d; a changed d derives another public key. */
  private static byte[] flipPrivateScalar(byte[] ecPrivateKeyPem) {
    PemObject block = block(ecPrivateKeyPem);
    assertThat(block.getType()).isEqualTo(Pem.EC_PRIVATE_KEY);
    byte[] der = block.getContent();
    der[12] ^= 0x01;
    return Pem.encode(block.getType(), der);
  }

  private static PemObject block(byte[] pem) {
    try (PemReader reader =
        new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      return reader.readPemObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
