package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void privateKeysUseClientGoBlockTypesAndRoundTrip(KeyAlgorithm algorithm) {
    KeyPair keys = algorithm.generate();
    String pem = new String(Pem.encodePrivateKey(keys), StandardCharsets.US_ASCII);

    String expectedType = algorithm == KeyAlgorithm.RSA_2048 ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
    assertThat(pem).startsWith("-----BEGIN " + expectedType + "-----\n");
    assertThat(pem).endsWith("-----END " + expectedType + "-----\n");
    KeyPair decoded = Pem.decodePrivateKey(pem.getBytes(StandardCharsets.US_ASCII));
    // Encodings of the private key differ by optional fields; the derived public key does not.
    assertThat(KeyPairs.fromPrivateKey(decoded.getPrivate()).getPublic().getEncoded())
        .isEqualTo(keys.getPublic().getEncoded());
    assertThat(decoded.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void sec1KeysCarryTheNamedCurveAndPublicPointThatGoRequires() throws Exception {
    KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
    byte[] der = der(Pem.encodePrivateKey(keys));

    ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
    assertThat(sec1.getParametersObject()).hasToString("1.2.840.10045.3.1.7");
    assertThat(sec1.getPublicKey()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void readsPkcs8PrivateKeysAndDerivesThePublicHalf(KeyAlgorithm algorithm) {
    KeyPair keys = algorithm.generate();
    byte[] pkcs8 = Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded());

    KeyPair decoded = Pem.decodePrivateKey(pkcs8);

    assertThat(decoded.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void readsSec1KeysWithoutPublicPoint() throws Exception {
    KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
    ECPrivateKey full = ECPrivateKey.getInstance(der(Pem.encodePrivateKey(keys)));
    ECPrivateKey bare = new ECPrivateKey(256, full.getKey(), null, full.getParametersObject());
    byte[] pem = Pem.encode("EC PRIVATE KEY", bare.getEncoded());

    KeyPair decoded = Pem.decodePrivateKey(pem);

    assertThat(decoded.getPublic().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void readsPkcs1AsWrittenFromPkcs8() throws Exception {
    KeyPair keys = KeyAlgorithm.RSA_2048.generate();
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();

    KeyPair decoded = Pem.decodePrivateKey(Pem.encode("RSA PRIVATE KEY", pkcs1));

    assertThat(decoded.getPrivate().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void publicKeysArePkixBlocks(KeyAlgorithm algorithm) {
    KeyPair keys = algorithm.generate();
    byte[] pem = Pem.encodePublicKey(keys.getPublic());

    assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(Pem.decodePublicKey(pem).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void certificatesSkipOtherBlocksAndKeepOrder() {
    KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
    CertificateBundle a = Fixtures.ca("a", KeyAlgorithm.ECDSA_P256);
    CertificateBundle b = Fixtures.ca("b", KeyAlgorithm.ECDSA_P256);
    byte[] mixed = concat(Pem.encodePrivateKey(keys), a.certificatePem(), b.certificatePem());

    assertThat(Pem.decodeCertificate(mixed)).isEqualTo(a.certificate());
    assertThat(Pem.decodeCertificates(mixed)).containsExactly(a.certificate(), b.certificate());
  }

  @Test
  void garbageIsRejectedWithoutEchoingContent() {
    byte[] garbage =
        "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END RSA PRIVATE KEY-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Pem.decodePrivateKey(garbage))
        .isInstanceOf(PemException.class)
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> Pem.decodeCertificate("nothing".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(PemException.class);
    assertThatThrownBy(() -> Pem.decodePublicKey(new byte[0])).isInstanceOf(PemException.class);
  }

  private static byte[] der(byte[] pem) {
    String body =
        new String(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").strip();
    return Base64.getMimeDecoder().decode(body);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }
}
