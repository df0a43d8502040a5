package dev.controlplanes.kamaji.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final CertificateAuthority ca = CertificateAuthority.create("test-ca");

  @Test
  void rootIsSelfSignedCa() throws Exception {
    X509Certificate root = ca.certificate();

    root.verify(root.getPublicKey());
    assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(root.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=test-ca"));
  }

  @Test
  void serverCertificateCarriesDnsAndIpSans() throws Exception {
    IssuedCertificate server = ca.issueServer("api", "api.kamaji-system.svc", "127.0.0.1", "::1");

    server.certificate().verify(ca.certificate().getPublicKey());
    assertThat(server.certificate().getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(server.certificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(server.certificate().getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "api.kamaji-system.svc"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"));
  }

  @Test
  void clientCertificateHasUserAndGroupsAndClientAuth() throws Exception {
    IssuedCertificate client = ca.issueClient("alice", "dev", "ops");

    assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(client.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=alice,O=ops,O=dev");
    assertThat(client.chain()).containsExactly(client.certificate());
  }

  @Test
  void intermediateChainEndsBeforeTheRoot() throws Exception {
    CertificateAuthority intermediate = ca.issueIntermediate("intermediate");
    IssuedCertificate leaf = intermediate.issueClient("bob");

    leaf.certificate().verify(intermediate.certificate().getPublicKey());
    intermediate.certificate().verify(ca.certificate().getPublicKey());
    assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
  }

  @Test
  void withoutUsagesThereIsNoExtendedKeyUsageExtension() throws Exception {
    IssuedCertificate any = ca.issue(CertificateTemplate.client("any").withUsages());

    assertThat(any.certificate().getExtendedKeyUsage()).isNull();
  }

  @Test
  void writesPemThatReadsBack(@TempDir Path dir) throws Exception {
    IssuedCertificate client = ca.issueClient("carol", "team");
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");

    client.writePem(cert, key);

    assertThat(PemFiles.readCertificates(cert)).containsExactly(client.certificate());
    assertSignsFor(PemFiles.readPrivateKey(key), client.certificate());
    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(client.toString()).contains("carol").doesNotContain("PRIVATE");
  }

  static void assertSignsFor(PrivateKey key, X509Certificate certificate) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }
}
