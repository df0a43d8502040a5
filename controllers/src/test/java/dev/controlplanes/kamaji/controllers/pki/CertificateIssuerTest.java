package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

  private final Instant now = Instant.now();

  @Test
  void certificatesSignedByACaReadFromPemVerifyWithTheJdk() {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      CertificateBundle generated =
          CertificateIssuer.selfSignedCa(
              CertificateSpec.ca("kubernetes", now, now.plus(Duration.ofDays(1))), algorithm);
      // As a pass signs: with the CA read back from its Secret.
      CertificateBundle ca =
          CertificateBundle.fromPem(generated.certificatePem(), generated.privateKeyPem());

      X509Certificate leaf =
          CertificateIssuer.issue(
                  CertificateSpec.client(
                      "kubernetes-admin",
                      List.of("kubeadm:cluster-admins"),
                      now,
                      now.plus(Duration.ofDays(1))),
                  algorithm,
                  ca)
              .certificate();

      String jdkProvider = algorithm == KeyAlgorithm.ECDSA_P256 ? "SunEC" : "SunRsaSign";
      assertThatCode(() -> leaf.verify(generated.certificate().getPublicKey(), jdkProvider))
          .as(algorithm.name())
          .doesNotThrowAnyException();
      assertThatCode(
              () ->
                  generated
                      .certificate()
                      .verify(generated.certificate().getPublicKey(), jdkProvider))
          .as(algorithm.name() + " CA")
          .doesNotThrowAnyException();
    }
  }
}
