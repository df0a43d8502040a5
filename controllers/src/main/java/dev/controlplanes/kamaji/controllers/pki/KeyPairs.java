package dev.controlplanes.kamaji.controllers.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;

/** Key-pair helpers: deriving a public key from a private one, and matching the two halves. */
final class KeyPairs {

  private KeyPairs() {}

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
            EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
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

  /** Whether the public key belongs to the private key (compared by encoded public keys). */
  static boolean matches(PublicKey publicKey, KeyPair candidate) {
    return Arrays.equals(publicKey.getEncoded(), candidate.getPublic().getEncoded());
  }
}
