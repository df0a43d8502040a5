package dev.controlplanes.kamaji.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class PemFilesTest {

  private static final CertificateAuthority CA = CertificateAuthority.create("pem-ca");

  @Test
  void readsEveryCertificateOfABundleInOrder() throws Exception {
    CertificateAuthority other = CertificateAuthority.create("other-ca");
    String bundle = "# comment lines are ignored\n" + CA.certificatePem() + other.certificatePem();

    assertThat(PemFiles.parseCertificates(bundle))
        .containsExactly(CA.certificate(), other.certificate());
  }

  @Test
  void rejectsInputWithoutCertificates() {
    assertThatThrownBy(() -> PemFiles.parseCertificates("not pem"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no PEM certificate found");
  }

  @Test
  void rejectsAKeyWhereCertificatesAreExpected() {
    String key = CA.asIssued().privateKeyPem();

    assertThatThrownBy(() -> PemFiles.parseCertificates(key))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected PEM block")
        .hasMessageNotContaining(key.substring(30, 60));
  }

  @Test
  void readsPkcs8Keys() throws Exception {
    IssuedCertificate client = CA.issueClient("u");

    PrivateKey key = PemFiles.parsePrivateKey(client.privateKeyPem());

    assertThat(client.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(key.getEncoded()).isEqualTo(client.privateKey().getEncoded());
  }

  @Test
  void readsPkcs1RsaKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    KeyPair pair = generator.generateKeyPair();
    String pem = traditionalPem(pair);

    PrivateKey key = PemFiles.parsePrivateKey(pem);

    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(key).isInstanceOf(RSAPrivateKey.class);
    assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void readsSec1EcKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String pem = sec1Pem(pair);

    PrivateKey key = PemFiles.parsePrivateKey(pem);

    assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(key).isInstanceOf(ECPrivateKey.class);
    assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
  }

  @Test
  void rejectsCertificatesWhereAKeyIsExpected() {
    assertThatThrownBy(() -> PemFiles.parsePrivateKey(CA.certificatePem()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unsupported PEM block");
    assertThatThrownBy(() -> PemFiles.parsePrivateKey(""))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no PEM private key");
  }

  @Test
  void encodesCertificatesAsConcatenatedBlocks() throws Exception {
    String pem = PemFiles.encodeCertificates(List.of(CA.certificate(), CA.certificate()));

    assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64))
        .isTrue();
  }

  /** What {@code openssl ecparam -genkey -name prime256v1} writes: curve OID and public key. */
  private static String sec1Pem(KeyPair pair) throws IOException {
    SubjectPublicKeyInfo publicKey =
        SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            256,
            ((ECPrivateKey) pair.getPrivate()).getS(),
            publicKey.getPublicKeyData(),
            SECObjectIdentifiers.secp256r1);
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }
    return out.toString();
  }

  private static String traditionalPem(KeyPair pair) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(pair);
    }
    return out.toString();
  }
}
