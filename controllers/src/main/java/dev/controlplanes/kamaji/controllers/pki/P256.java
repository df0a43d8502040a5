package dev.controlplanes.kamaji.controllers.pki;

import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
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

  private P256() {}

  /** Whether the parameters are P-256's, whichever provider made them. */
  static boolean is(ECParameterSpec params) {
    return params.getCurve().equals(SPEC.getCurve())
        && params.getGenerator().equals(SPEC.getGenerator())
        && params.getOrder().equals(SPEC.getOrder())
        && params.getCofactor() == SPEC.getCofactor();
  }

  /** The key on the shared domain, or empty for another curve. */
  static Optional<ECPrivateKeyParameters> privateKey(ECPrivateKey key) {
    return is(key.getParams())
        ? Optional.of(new ECPrivateKeyParameters(key.getS(), DOMAIN))
        : Optional.empty();
  }
}
