package dev.controlplanes.kamaji.apiserver.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority on BouncyCastle, for local development and tests only: no
 * persistence of serials, no revocation, no key protection. Production PKI belongs to the
 * controllers module.
 *
 * <p>Keys are ECDSA P-256 (fast to generate, accepted by kube-apiserver and the JDK).
 */
public final class CertificateAuthority {

  private static final Duration CA_VALIDITY = Duration.ofDays(365);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IssuedCertificate self;

  private CertificateAuthority(IssuedCertificate self) {
    this.self = self;
  }

  /** A new self-signed root CA valid for a year. */
  public static CertificateAuthority create(String commonName) {
    Instant now = Instant.now();
    return create(commonName, now.minus(Duration.ofMinutes(5)), now.plus(CA_VALIDITY));
  }

  /** A new self-signed root CA with an explicit validity window. */
  public static CertificateAuthority create(
      String commonName, Instant notBefore, Instant notAfter) {
    KeyPair keys = generateKeyPair();
    X500Name subject = name(commonName, List.of());
    X509Certificate certificate =
        sign(
            new Issuer(subject, keys.getPrivate(), null),
            new Spec(subject, keys.getPublic(), true, Set.of(), List.of(), notBefore, notAfter));
    return new CertificateAuthority(
        new IssuedCertificate(certificate, keys.getPrivate(), List.of(certificate)));
  }

  /** An intermediate CA signed by this one; its chain includes this CA's chain. */
  public CertificateAuthority issueIntermediate(String commonName) {
    Instant now = Instant.now();
    KeyPair keys = generateKeyPair();
    Spec spec =
        new Spec(
            name(commonName, List.of()),
            keys.getPublic(),
            true,
            Set.of(),
            List.of(),
            now.minus(Duration.ofMinutes(5)),
            now.plus(CA_VALIDITY));
    X509Certificate certificate = sign(issuer(), spec);
    return new CertificateAuthority(
        new IssuedCertificate(certificate, keys.getPrivate(), chainWith(certificate)));
  }

  /** A serving certificate (serverAuth) for DNS names and IP literals. */
  public IssuedCertificate issueServer(String commonName, String... subjectAlternativeNames) {
    return issue(CertificateTemplate.server(commonName, subjectAlternativeNames));
  }

  /** A client certificate (clientAuth): CN = user name, one O per group. */
  public IssuedCertificate issueClient(String commonName, String... groups) {
    return issue(CertificateTemplate.client(commonName, groups));
  }

  /** A leaf certificate as described by {@code template}, signed by this CA. */
  public IssuedCertificate issue(CertificateTemplate template) {
    Objects.requireNonNull(template, "template");
    KeyPair keys = generateKeyPair();
    Spec spec =
        new Spec(
            name(template.commonName(), template.organizations()),
            keys.getPublic(),
            false,
            template.usages(),
            template.subjectAlternativeNames(),
            template.notBefore(),
            template.notAfter());
    X509Certificate certificate = sign(issuer(), spec);
    return new IssuedCertificate(certificate, keys.getPrivate(), chainWith(certificate));
  }

  /** The CA certificate itself (what goes into a CA bundle when this is a root). */
  public X509Certificate certificate() {
    return self.certificate();
  }

  /** The CA certificate and key, with the chain up to (and including) the root. */
  public IssuedCertificate asIssued() {
    return self;
  }

  /** This CA's certificate in PEM form. */
  public String certificatePem() {
    return PemFiles.encodeCertificates(List.of(self.certificate()));
  }

  private Issuer issuer() {
    X500Name name = X500Name.getInstance(self.certificate().getSubjectX500Principal().getEncoded());
    return new Issuer(name, self.privateKey(), self.certificate());
  }

  /** Leaf first, then this CA and its parents except a self-signed root at the end. */
  private List<X509Certificate> chainWith(X509Certificate leaf) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    for (X509Certificate certificate : self.chain()) {
      if (!isSelfSigned(certificate)) {
        chain.add(certificate);
      }
    }
    return chain;
  }

  private static boolean isSelfSigned(X509Certificate certificate) {
    X500Principal subject = certificate.getSubjectX500Principal();
    return subject.equals(certificate.getIssuerX500Principal());
  }

  /** Who signs: a null certificate means self-signed (no authority key identifier). */
  private record Issuer(X500Name name, PrivateKey key, X509Certificate certificate) {}

  private record Spec(
      X500Name subject,
      PublicKey key,
      boolean ca,
      Set<CertificateTemplate.Usage> usages,
      List<String> sans,
      Instant notBefore,
      Instant notAfter) {}

  private static X509Certificate sign(Issuer issuer, Spec spec) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer.name(),
              new BigInteger(127, RANDOM).add(BigInteger.ONE),
              Date.from(spec.notBefore()),
              Date.from(spec.notAfter()),
              spec.subject(),
              spec.key());
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spec.key()));
      if (issuer.certificate() != null) {
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            utils.createAuthorityKeyIdentifier(issuer.certificate()));
      }
      addUsageExtensions(builder, spec);
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key())));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot issue certificate for " + spec.subject(), e);
    }
  }

  private static void addUsageExtensions(X509v3CertificateBuilder builder, Spec extensions)
      throws CertIOException {
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(extensions.ca()));
    int keyUsage =
        extensions.ca()
            ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
            : KeyUsage.digitalSignature;
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    if (!extensions.usages().isEmpty()) {
      List<KeyPurposeId> purposes = new ArrayList<>();
      if (extensions.usages().contains(CertificateTemplate.Usage.SERVER_AUTH)) {
        purposes.add(KeyPurposeId.id_kp_serverAuth);
      }
      if (extensions.usages().contains(CertificateTemplate.Usage.CLIENT_AUTH)) {
        purposes.add(KeyPurposeId.id_kp_clientAuth);
      }
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
    }
    if (!extensions.sans().isEmpty()) {
      GeneralName[] names =
          extensions.sans().stream()
              .map(CertificateAuthority::generalName)
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
  }

  private static GeneralName generalName(String san) {
    if (IPV4.matcher(san).matches() || san.contains(":")) {
      try {
        // A literal never triggers a DNS lookup.
        byte[] address = InetAddress.getByName(san).getAddress();
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(address));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP literal: " + san, e);
      }
    }
    return new GeneralName(GeneralName.dNSName, san);
  }

  private static X500Name name(String commonName, List<String> organizations) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (String organization : organizations) {
      builder.addRDN(BCStyle.O, organization);
    }
    builder.addRDN(BCStyle.CN, commonName);
    return builder.build();
  }

  private static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
