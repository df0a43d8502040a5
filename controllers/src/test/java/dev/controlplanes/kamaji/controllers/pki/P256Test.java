package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

class P256Test {

  private static final byte[] DATA = "tbsCertificate".getBytes(StandardCharsets.US_ASCII);

  @Test
  void verifiesWhatTheJdkSignsAndNothingElse() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
    signer.initSign(keys.getPrivate());
    signer.update(DATA);
    byte[] signature = signer.sign();
    ECPublicKeyParameters key = P256.publicKey((ECPublicKey) keys.getPublic()).orElseThrow();

    assertThat(P256.verifiesSha256(key, DATA, signature)).isTrue();
    assertThat(P256.verifiesSha256(key, "other".getBytes(StandardCharsets.US_ASCII), signature))
        .isFalse();
    assertThat(P256.verifiesSha256(key, DATA, new byte[] {0x30, 0x03, 0x02, 0x01})).isFalse();
    ECPublicKey other = (ECPublicKey) generator.generateKeyPair().getPublic();
    assertThat(P256.verifiesSha256(P256.publicKey(other).orElseThrow(), DATA, signature)).isFalse();
  }

  @Test
  void otherCurvesAreLeftToTheirProvider() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    assertThat(P256.publicKey((ECPublicKey) generator.generateKeyPair().getPublic())).isEmpty();
  }
}
