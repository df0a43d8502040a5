package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.api.Test;

class KeyPairsTest {

  @Test
  void derivesTheSamePublicPointWhicheverProviderHoldsThePrivateKey() throws Exception {
    for (int i = 0; i < 5; i++) {
      KeyPair generated = KeyAlgorithm.ECDSA_P256.generate();
      PrivateKey sunEc =
          KeyFactory.getInstance("EC", "SunEC")
              .generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded()));

      KeyPair fromBouncyCastle = KeyPairs.fromPrivateKey(generated.getPrivate());
      KeyPair fromSunEc = KeyPairs.fromPrivateKey(sunEc);

      assertThat(((ECPublicKey) fromSunEc.getPublic()).getW())
          .isEqualTo(((ECPublicKey) generated.getPublic()).getW());
      assertThat(KeyPairs.matches(generated.getPublic(), fromBouncyCastle)).isTrue();
      assertThat(KeyPairs.matches(generated.getPublic(), fromSunEc)).isTrue();
    }
  }

  @Test
  void anotherKeyDoesNotMatch() {
    KeyPair one = KeyAlgorithm.ECDSA_P256.generate();
    KeyPair other = KeyAlgorithm.ECDSA_P256.generate();
    assertThat(KeyPairs.matches(one.getPublic(), other)).isFalse();
    KeyPair rsa = KeyAlgorithm.RSA_2048.generate();
    assertThat(KeyPairs.matches(rsa.getPublic(), KeyPairs.fromPrivateKey(rsa.getPrivate())))
        .isTrue();
    assertThat(KeyPairs.matches(one.getPublic(), rsa)).isFalse();
  }

  @Test
  void keysOnOtherCurvesAreStillDerived() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = generator.generateKeyPair();
    assertThat(KeyPairs.matches(p384.getPublic(), KeyPairs.fromPrivateKey(p384.getPrivate())))
        .isTrue();
  }
}
