package dev.controlplanes.kamaji.controllers.pki;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;

/**
 * NIST P-256 as BouncyCastle keeps it, with one base point for the whole process. A fixed-base
 * multiplication (deriving a public key, signing) keeps its comb table on the point object: keys
 * read afresh from PEM each bring a base point of their own and would rebuild the table every time,
 * which costs more than the multiplication itself.
 */
final class P256 {

  static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");

  static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);

  private static final ECParameterSpec SPEC = EC5Util.convertToSpec(CURVE);

  /**
   * Public keys on the shared domain, by their encoding: a CA's point then keeps the multiples
   * precomputed by its first verification for the next ones (a tenant's CA checks ten
   * certificates). Public values only.
   */
  private static final VerificationCache<ECPublicKeyParameters> PUBLIC_KEYS =
      new VerificationCache<>(4_096);

  private P256() {}

  /** Whether the parameters are P-256's, whichever provider made them. */
  static boolean is(ECParameterSpec params) {
    return params.getCurve().equals(SPEC.getCurve())
        && params.getGenerator().equals(SPEC.getGenerator())
        && params.getOrder().equals(SPEC.getOrder())
        && params.getCofactor() == SPEC.getCofactor();
  }

  /** The public key on the shared domain, or empty for another curve. */
  static Optional<ECPublicKeyParameters> publicKey(ECPublicKey key) {
    if (!is(key.getParams())) {
      return Optional.empty();
    }
    return Optional.of(
        PUBLIC_KEYS.get(
            VerificationCache.key("p256-public-key").bytes(key.getEncoded()).build(),
            () ->
                new ECPublicKeyParameters(
                    CURVE
                        .getCurve()
                        .validatePoint(key.getW().getAffineX(), key.getW().getAffineY()),
                    DOMAIN)));
  }

  /** Whether {@code signature} (DER) is {@code key}'s ECDSA signature of SHA-256({@code data}). */
  static boolean verifiesSha256(ECPublicKeyParameters key, byte[] data, byte[] signature) {
    // Decodes the DER pair (a malformed one is simply not valid), hashes and verifies.
    DSADigestSigner verifier =
        new DSADigestSigner(new ECDSASigner(), new SHA256Digest(), StandardDSAEncoding.INSTANCE);
    verifier.init(false, key);
    verifier.update(data, 0, data.length);
    return verifier.verifySignature(signature);
  }

  /** The private key on the shared domain, or empty for another curve. */
  static Optional<ECPrivateKeyParameters> privateKey(ECPrivateKey key) {
    return is(key.getParams())
        ? Optional.of(new ECPrivateKeyParameters(key.getS(), DOMAIN))
        : Optional.empty();
  }
}
