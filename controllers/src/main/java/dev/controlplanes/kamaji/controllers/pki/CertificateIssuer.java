package dev.controlplanes.kamaji.controllers.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 certificates the way kubeadm's {@code pkiutil} does: random positive 63-bit serial,
 * keyUsage digitalSignature (+ keyEncipherment for RSA keys, + keyCertSign for CAs), the requested
 * extended key usages, basicConstraints, and key identifiers.
 */
public final class CertificateIssuer {

  private static final BigInteger MAX_SERIAL = BigInteger.valueOf(Long.MAX_VALUE - 1);

  private static final AlgorithmIdentifier ECDSA_SHA256 =
      new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");

  private static final AlgorithmIdentifier SHA256 =
      new DefaultDigestAlgorithmIdentifierFinder().find(ECDSA_SHA256);

  private CertificateIssuer() {}

  /** A new key pair and a self-signed CA certificate for it. */
  public static CertificateBundle selfSignedCa(CertificateSpec spec, KeyAlgorithm algorithm) {
    if (!spec.ca()) {
      throw new IllegalArgumentException("a self-signed certificate here must be a CA");
    }
    KeyPair keys = algorithm.generate();
    X500Name subject = name(spec);
    X509Certificate certificate =
        sign(spec, keys.getPublic(), subject, null, keys.getPrivate(), algorithm);
    return new CertificateBundle(certificate, keys);
  }

  /** A new key pair of {@code algorithm} and a certificate for it signed by {@code issuer}. */
  public static CertificateBundle issue(
      CertificateSpec spec, KeyAlgorithm algorithm, CertificateBundle issuer) {
    KeyPair keys = algorithm.generate();
    return new CertificateBundle(sign(spec, keys.getPublic(), issuer), keys);
  }

  /** A certificate for an existing public key, signed by {@code issuer}. */
  public static X509Certificate sign(
      CertificateSpec spec, PublicKey publicKey, CertificateBundle issuer) {
    X509Certificate issuerCertificate = issuer.certificate();
    X500Name issuerName =
        X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
    return sign(
        spec,
        publicKey,
        issuerName,
        issuerCertificate,
        issuer.keys().getPrivate(),
        KeyAlgorithm.of(issuer.keys().getPublic()));
  }

  private static X509Certificate sign(
      CertificateSpec spec,
      PublicKey publicKey,
      X500Name issuerName,
      X509Certificate issuerCertificate,
      PrivateKey signingKey,
      KeyAlgorithm signingAlgorithm) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              serial(),
              Date.from(spec.notBefore()),
              Date.from(spec.notAfter()),
              name(spec),
              publicKey);
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
      if (issuerCertificate != null) {
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            utils.createAuthorityKeyIdentifier(issuerCertificate));
      }
      addUsages(builder, spec, KeyAlgorithm.of(publicKey));
      addSubjectAlternativeNames(builder, spec);
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(contentSigner(signingKey, signingAlgorithm)));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot issue certificate " + spec.commonName(), e);
    }
  }

  /** P-256 keys sign on the shared domain ({@link P256}); others through their JCA provider. */
  private static ContentSigner contentSigner(PrivateKey key, KeyAlgorithm algorithm)
      throws OperatorCreationException {
    if (key instanceof ECPrivateKey ec) {
      Optional<ECPrivateKeyParameters> p256 = P256.privateKey(ec);
      if (p256.isPresent()) {
        return new BcECContentSignerBuilder(ECDSA_SHA256, SHA256)
            .setSecureRandom(KeyAlgorithm.RANDOM)
            .build(p256.get());
      }
    }
    JcaContentSignerBuilder signer =
        new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
            .setSecureRandom(KeyAlgorithm.RANDOM);
    if (algorithm.provider() != null) {
      signer.setProvider(algorithm.provider());
    }
    return signer.build(key);
  }

  private static void addUsages(
      X509v3CertificateBuilder builder, CertificateSpec spec, KeyAlgorithm subjectAlgorithm)
      throws CertIOException {
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca()));
    int keyUsage = KeyUsage.digitalSignature;
    if (subjectAlgorithm.allowsKeyEncipherment()) {
      keyUsage |= KeyUsage.keyEncipherment;
    }
    if (spec.ca()) {
      keyUsage |= KeyUsage.keyCertSign;
    }
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    if (!spec.usages().isEmpty()) {
      List<KeyPurposeId> purposes = new ArrayList<>();
      // Fixed order (serverAuth, clientAuth) so that output does not depend on set iteration.
      if (spec.usages().contains(CertificateSpec.Usage.SERVER_AUTH)) {
        purposes.add(KeyPurposeId.id_kp_serverAuth);
      }
      if (spec.usages().contains(CertificateSpec.Usage.CLIENT_AUTH)) {
        purposes.add(KeyPurposeId.id_kp_clientAuth);
      }
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
    }
  }

  private static void addSubjectAlternativeNames(
      X509v3CertificateBuilder builder, CertificateSpec spec) throws CertIOException {
    List<GeneralName> names = new ArrayList<>();
    for (String dns : spec.dnsNames()) {
      names.add(new GeneralName(GeneralName.dNSName, dns));
    }
    for (InetAddress ip : spec.ipAddresses()) {
      names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
    }
    if (!names.isEmpty()) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
    }
  }

  /** O values before CN, as Go's pkix.Name orders them. */
  private static X500Name name(CertificateSpec spec) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (String organization : spec.organizations()) {
      builder.addRDN(BCStyle.O, organization);
    }
    builder.addRDN(BCStyle.CN, spec.commonName());
    return builder.build();
  }

  /** Uniform in [1, 2^63-1), like kubeadm. */
  private static BigInteger serial() {
    BigInteger candidate;
    do {
      candidate = new BigInteger(63, KeyAlgorithm.RANDOM);
    } while (candidate.compareTo(MAX_SERIAL) >= 0);
    return candidate.add(BigInteger.ONE);
  }
}
