package dev.controlplanes.kamaji.controllers.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The key types the tenant PKI can issue. Each constant knows how to generate a key pair and which
 * signature algorithm a CA of that type signs with.
 */
public enum KeyAlgorithm {
  /**
   * RSA with a 2048-bit modulus: what Kamaji (kubeadm's default) issues. The JDK provider, which
   * generates RSA keys about twice as fast as BouncyCastle's.
   */
  RSA_2048("RSA", "SHA256withRSA", null),
  /**
   * ECDSA on NIST P-256 (kubeadm's {@code ECDSA-P256}); signatures are ES256 for JWTs.
   * BouncyCastle's provider: on JDK 17 its fixed-base comb multiplication generates keys and signs
   * about three times faster than SunEC (docs/benchmarks.md).
   */
  ECDSA_P256("EC", "SHA256withECDSA", Providers.BOUNCY_CASTLE);

  /** One generator of randomness for the whole process: SecureRandom is thread-safe. */
  static final SecureRandom RANDOM = new SecureRandom();

  private final String jcaName;
  private final String signatureAlgorithm;
  private final Provider provider;

  KeyAlgorithm(String jcaName, String signatureAlgorithm, Provider provider) {
    this.jcaName = jcaName;
    this.signatureAlgorithm = signatureAlgorithm;
    this.provider = provider;
  }

  /** Enum constants cannot refer to a static field of their own enum in their arguments. */
  private static final class Providers {
    // An instance passed explicitly, never installed with Security.addProvider: nothing else in
    // the process changes behaviour.
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
  }

  /** A fresh key pair of this type. */
  public KeyPair generate() {
    try {
      // KeyPairGenerator is not thread-safe, so each call gets its own; the lookup is cheap
      // next to the key generation itself (measured in docs/benchmarks.md).
      KeyPairGenerator generator =
          provider == null
              ? KeyPairGenerator.getInstance(jcaName)
              : KeyPairGenerator.getInstance(jcaName, provider);
      if (this == RSA_2048) {
        generator.initialize(2048, RANDOM);
      } else {
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(name() + " key generation is not available", e);
    }
  }

  /** The JCA signature algorithm a CA key of this type signs with. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The provider that generates and signs with this algorithm; null for the JDK default. */
  Provider provider() {
    return provider;
  }

  /** Whether RFC 5280 keyEncipherment applies: only RSA keys encrypt (RFC 8813 for EC). */
  boolean allowsKeyEncipherment() {
    return this == RSA_2048;
  }

  /** The algorithm of an existing key, for signing with a CA that was loaded from a Secret. */
  public static KeyAlgorithm of(PublicKey key) {
    if (key instanceof RSAPublicKey) {
      return RSA_2048;
    }
    if (key instanceof ECPublicKey) {
      return ECDSA_P256;
    }
    throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
  }
}
