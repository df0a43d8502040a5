package dev.controlplanes.kamaji.controllers.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Key-pair helpers: deriving a public key from a private one, and matching the two halves. */
final class KeyPairs {

  private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  private KeyPairs() {}

  private static org.bouncycastle.math.ec.ECPoint baseOf(ECParameterSpec params) {
    return P256.is(params) ? P256.CURVE.getG() : EC5Util.convertSpec(params).getG();
  }

  /** Rebuilds the pair from a private key that carries enough to derive its public half. */
  static KeyPair fromPrivateKey(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        PublicKey publicKey =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new KeyPair(publicKey, key);
      }
      if (key instanceof ECPrivateKey ec) {
        org.bouncycastle.math.ec.ECPoint q =
            BASE_MULTIPLIER.multiply(baseOf(ec.getParams()), ec.getS()).normalize();
        ECPoint point =
            new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        PublicKey publicKey =
            KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
        return new KeyPair(publicKey, key);
      }
    } catch (GeneralSecurityException e) {
      throw new PemException("cannot derive the public key", e);
    }
    throw new PemException("unsupported private key type " + key.getAlgorithm());
  }

  /**
   * Whether the public key belongs to the private key: the same point on the same curve, or the
   * same modulus and exponent (keys from different providers encode alike but need not be equal
   * objects).
   */
  static boolean matches(PublicKey publicKey, KeyPair candidate) {
    PublicKey other = candidate.getPublic();
    if (publicKey instanceof ECPublicKey a && other instanceof ECPublicKey b) {
      return a.getW().equals(b.getW())
          && a.getParams().getCurve().equals(b.getParams().getCurve())
          && a.getParams().getGenerator().equals(b.getParams().getGenerator());
    }
    if (publicKey instanceof RSAPublicKey a && other instanceof RSAPublicKey b) {
      return a.getModulus().equals(b.getModulus())
          && a.getPublicExponent().equals(b.getPublicExponent());
    }
    return Arrays.equals(publicKey.getEncoded(), other.getEncoded());
  }
}
