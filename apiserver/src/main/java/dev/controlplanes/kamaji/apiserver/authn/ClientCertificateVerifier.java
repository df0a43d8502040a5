package dev.controlplanes.kamaji.apiserver.authn;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a presented client certificate chain against one CA bundle, with the checks of Go's
 * {@code x509.Verify} as k8s.io/apiserver configures it: a path from the leaf to a bundle
 * certificate (presented intermediates may be used, in any order), every certificate valid now, and
 * extended key usage {@code clientAuth} allowed by every certificate on the path. No revocation
 * checks, as in Go.
 *
 * <p>Error messages follow Go's wording, because operators search for them.
 *
 * <p>Verified paths are cached by the presented chain until the first certificate on the path
 * expires (at most an hour): kube-apiserver presents the same front-proxy certificate on every
 * proxied request, and building a PKIX path was the largest fixed cost per request. Rejections that
 * time cannot undo (no path to this bundle, expired, wrong key usage) are cached too, for {@link
 * #REJECTION_TTL}: a client of the other CA (every direct kubectl request is first tried against
 * the front-proxy bundle) would otherwise pay a failed path search per request. A chain that is not
 * valid yet is never cached. The caches belong to this verifier, so a reloaded CA bundle starts
 * empty.
 */
final class ClientCertificateVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateVerifier.class);
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

  private static final Duration MAX_CACHE_TTL = Duration.ofHours(1);
  private static final int MAX_CACHED_CHAINS = 1024;
  static final Duration REJECTION_TTL = Duration.ofMinutes(10);

  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  private final ExpiringCache<List<X509Certificate>, VerifiedChain> verified;
  private final ExpiringCache<List<X509Certificate>, String> rejected;

  ClientCertificateVerifier(List<X509Certificate> caBundle, Clock clock) {
    if (caBundle.isEmpty()) {
      throw new IllegalArgumentException("empty CA bundle");
    }
    Set<TrustAnchor> trustAnchors = new LinkedHashSet<>();
    for (X509Certificate ca : caBundle) {
      trustAnchors.add(new TrustAnchor(ca, null));
    }
    this.anchors = Set.copyOf(trustAnchors);
    this.clock = clock;
    this.verified = new ExpiringCache<>(clock, MAX_CACHED_CHAINS);
    this.rejected = new ExpiringCache<>(clock, MAX_CACHED_CHAINS);
  }

  /**
   * A verified chain: the path, leaf first and bundle certificate last, and the leaf's subject
   * names, read once here rather than parsed from the certificate on every request.
   */
  record VerifiedChain(List<X509Certificate> path, String commonName, List<String> organizations) {

    static VerifiedChain of(List<X509Certificate> path) {
      X509Certificate leaf = path.get(0);
      return new VerifiedChain(
          List.copyOf(path),
          CertificateSubjects.commonName(leaf),
          List.copyOf(CertificateSubjects.organizations(leaf)));
    }
  }

  /** Verifies {@code presented} (leaf first) against the bundle. */
  VerifiedChain verify(List<X509Certificate> presented) throws AuthenticationException {
    List<X509Certificate> key = List.copyOf(presented);
    var cached = verified.get(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    var rejection = rejected.get(key);
    if (rejection.isPresent()) {
      throw new AuthenticationException(rejection.get());
    }
    try {
      return verifyAndCache(key);
    } catch (NotYetValidException e) {
      throw e.failure;
    } catch (AuthenticationException e) {
      rejected.put(key, e.getMessage(), REJECTION_TTL);
      throw e;
    }
  }

  private VerifiedChain verifyAndCache(List<X509Certificate> presented)
      throws AuthenticationException, NotYetValidException {
    X509Certificate leaf = presented.get(0);
    Instant now = clock.instant();
    checkValidity(leaf, now);
    List<X509Certificate> path = buildPath(leaf, presented, now);
    Instant firstExpiry = Instant.MAX;
    for (X509Certificate certificate : path) {
      checkValidity(certificate, now);
      Instant notAfter = certificate.getNotAfter().toInstant();
      firstExpiry = notAfter.isBefore(firstExpiry) ? notAfter : firstExpiry;
    }
    checkClientAuthUsage(path);
    VerifiedChain result = VerifiedChain.of(path);
    Duration untilExpiry = Duration.between(now, firstExpiry);
    verified.put(
        presented, result, untilExpiry.compareTo(MAX_CACHE_TTL) < 0 ? untilExpiry : MAX_CACHE_TTL);
    return result;
  }

  /** A rejection that passing time may undo, so it is not cached. */
  private static final class NotYetValidException extends Exception {
    final AuthenticationException failure;

    NotYetValidException(AuthenticationException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  /** Go's certificate identifier for log lines: serial and key identifiers, nothing secret. */
  static String identifier(X509Certificate certificate) {
    return "SN="
        + certificate.getSerialNumber()
        + ", SKID="
        + keyIdentifier(certificate, Extension.subjectKeyIdentifier.getId())
        + ", AKID="
        + keyIdentifier(certificate, Extension.authorityKeyIdentifier.getId());
  }

  private List<X509Certificate> buildPath(
      X509Certificate leaf, List<X509Certificate> presented, Instant now)
      throws AuthenticationException {
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(presented)));
      PKIXCertPathBuilderResult result =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      List<X509Certificate> path = new ArrayList<>();
      result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
      path.add(result.getTrustAnchor().getTrustedCert());
      return path;
    } catch (CertPathBuilderException e) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("no certification path for {}: {}", identifier(leaf), e.getMessage());
      }
      throw new AuthenticationException("x509: certificate signed by unknown authority");
    } catch (InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("invalid PKIX parameters", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKIX is not available", e);
    }
  }

  private static void checkValidity(X509Certificate certificate, Instant now)
      throws AuthenticationException, NotYetValidException {
    try {
      certificate.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new AuthenticationException(
          "x509: certificate has expired or is not yet valid: current time "
              + now
              + " is after "
              + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new NotYetValidException(
          new AuthenticationException(
              "x509: certificate has expired or is not yet valid: current time "
                  + now
                  + " is before "
                  + certificate.getNotBefore().toInstant()));
    }
  }

  /**
   * Go checks the requested usage against every certificate on the path: a certificate without the
   * extension allows any usage, otherwise it must list clientAuth or anyExtendedKeyUsage.
   */
  private static void checkClientAuthUsage(List<X509Certificate> path)
      throws AuthenticationException {
    for (X509Certificate certificate : path) {
      List<String> usages;
      try {
        usages = certificate.getExtendedKeyUsage();
      } catch (CertificateParsingException e) {
        throw new AuthenticationException("x509: malformed extended key usage extension");
      }
      if (usages != null
          && !usages.contains(CLIENT_AUTH)
          && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
        throw new AuthenticationException("x509: certificate specifies an incompatible key usage");
      }
    }
  }

  private static String keyIdentifier(X509Certificate certificate, String oid) {
    byte[] value = certificate.getExtensionValue(oid);
    if (value == null) {
      return "";
    }
    try {
      byte[] id =
          oid.equals(Extension.subjectKeyIdentifier.getId())
              ? SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                  .getKeyIdentifier()
              : AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                  .getKeyIdentifierOctets();
      return id == null ? "" : columnSeparatedHex(id);
    } catch (IOException | IllegalArgumentException e) {
      return "";
    }
  }

  private static String columnSeparatedHex(byte[] bytes) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
  }
}
