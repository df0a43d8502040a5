package dev.controlplanes.kamaji.controllers.pki;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pure verdicts over PEM bytes that decide whether an item of the PKI must be regenerated (Kamaji's
 * certificate checks plus its lifecycle controller's expiry deadline). The CA itself is never
 * judged by expiry, as in Kamaji.
 */
public final class CertificateChecks {

  /** Present with an empty value: rotation requested. Kamaji then writes the rotation time. */
  public static final String ROTATE_ANNOTATION = "certs.kamaji.clastix.io/rotate";

  /** Kamaji's {@code --certificate-expiration-deadline} default (and minimum). */
  public static final Duration DEFAULT_EXPIRATION_DEADLINE = Duration.ofHours(24);

  /** Why (or that not) an item must be regenerated; the first failing check wins, in order. */
  public enum Verdict {
    /** A data key is absent or empty. */
    MISSING,
    /** Unparseable, not yet valid, or (for a CA) not a CA. */
    INVALID,
    /** The rotate annotation is present with an empty value. */
    ROTATION_REQUESTED,
    /** Not signed by the current CA (for a kubeconfig: also a different embedded CA). */
    NOT_SIGNED_BY_CA,
    /** The private key does not belong to the certificate (or public key). */
    KEY_MISMATCH,
    /** A required SAN is absent (extra SANs are tolerated, as in Kamaji). */
    SANS_NOT_COVERED,
    /** A kubeconfig points at another server than expected (e.g. the endpoint changed). */
    SERVER_CHANGED,
    /** Expires within the deadline. */
    EXPIRING,
    /** Nothing to do. */
    VALID;

    public boolean mustRegenerate() {
      return this != VALID;
    }
  }

  private final Duration expirationDeadline;
  private final Clock clock;

  public CertificateChecks(Duration expirationDeadline, Clock clock) {
    if (expirationDeadline.isNegative()) {
      throw new IllegalArgumentException("expirationDeadline must not be negative");
    }
    this.expirationDeadline = expirationDeadline;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Kamaji's default deadline (24 h) on the system clock. */
  public static CertificateChecks defaults() {
    return new CertificateChecks(DEFAULT_EXPIRATION_DEADLINE, Clock.systemUTC());
  }

  /**
   * The value Kamaji writes into {@link #ROTATE_ANNOTATION} once a requested rotation is done (RFC
   * 3339, seconds), which stops it from being requested again.
   */
  public static String rotationDoneValue(Instant when) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  public static boolean isRotationRequested(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(ROTATE_ANNOTATION);
    return value != null && value.isEmpty();
  }

  /**
   * A leaf certificate and its key, issued by {@code caPem}, covering {@code requiredSans} (DNS
   * names or IP literals; empty for client certificates).
   *
   * @throws PemException if {@code caPem} itself is unreadable (check the CA first)
   */
  public Verdict check(
      byte[] certificatePem,
      byte[] privateKeyPem,
      byte[] caPem,
      Collection<String> requiredSans,
      Map<String, String> annotations) {
    X509Certificate ca = Pem.decodeCertificate(caPem);
    if (isEmpty(certificatePem) || isEmpty(privateKeyPem)) {
      return Verdict.MISSING;
    }
    Optional<X509Certificate> certificate = readCertificate(certificatePem);
    Optional<KeyPair> keys = readKeys(privateKeyPem);
    if (certificate.isEmpty() || keys.isEmpty() || notYetValid(certificate.get())) {
      return Verdict.INVALID;
    }
    if (isRotationRequested(annotations)) {
      return Verdict.ROTATION_REQUESTED;
    }
    if (!signedBy(certificate.get(), ca)) {
      return Verdict.NOT_SIGNED_BY_CA;
    }
    if (!KeyPairs.matches(certificate.get().getPublicKey(), keys.get())) {
      return Verdict.KEY_MISMATCH;
    }
    if (!covers(certificate.get(), requiredSans)) {
      return Verdict.SANS_NOT_COVERED;
    }
    return expiring(certificate.get()) ? Verdict.EXPIRING : Verdict.VALID;
  }

  /** A CA certificate and its key: never EXPIRING (CAs are rotated by hand only). */
  public Verdict checkCa(
      byte[] certificatePem, byte[] privateKeyPem, Map<String, String> annotations) {
    if (isEmpty(certificatePem) || isEmpty(privateKeyPem)) {
      return Verdict.MISSING;
    }
    Optional<X509Certificate> certificate = readCertificate(certificatePem);
    Optional<KeyPair> keys = readKeys(privateKeyPem);
    if (certificate.isEmpty()
        || keys.isEmpty()
        || certificate.get().getBasicConstraints() < 0
        || notYetValid(certificate.get())) {
      return Verdict.INVALID;
    }
    if (isRotationRequested(annotations)) {
      return Verdict.ROTATION_REQUESTED;
    }
    return KeyPairs.matches(certificate.get().getPublicKey(), keys.get())
        ? Verdict.VALID
        : Verdict.KEY_MISMATCH;
  }

  /** A bare key pair (the service-account {@code sa.pub}/{@code sa.key}). */
  public Verdict checkKeyPair(
      byte[] publicKeyPem, byte[] privateKeyPem, Map<String, String> annotations) {
    if (isEmpty(publicKeyPem) || isEmpty(privateKeyPem)) {
      return Verdict.MISSING;
    }
    PublicKey publicKey;
    try {
      publicKey = Pem.decodePublicKey(publicKeyPem);
    } catch (PemException e) {
      return Verdict.INVALID;
    }
    Optional<KeyPair> keys = readKeys(privateKeyPem);
    if (keys.isEmpty()) {
      return Verdict.INVALID;
    }
    if (isRotationRequested(annotations)) {
      return Verdict.ROTATION_REQUESTED;
    }
    return KeyPairs.matches(publicKey, keys.get()) ? Verdict.VALID : Verdict.KEY_MISMATCH;
  }

  /**
   * A kubeconfig with embedded credentials: its CA must be the current one and its client
   * certificate must pass {@link #check} without SANs; {@code expectedServer} (nullable) must
   * match.
   */
  public Verdict checkKubeconfig(
      byte[] kubeconfig, byte[] caPem, String expectedServer, Map<String, String> annotations) {
    X509Certificate ca = Pem.decodeCertificate(caPem);
    if (isEmpty(kubeconfig)) {
      return Verdict.MISSING;
    }
    Kubeconfigs.Kubeconfig parsed;
    try {
      parsed = Kubeconfigs.parse(kubeconfig);
    } catch (PemException e) {
      return Verdict.INVALID;
    }
    Optional<X509Certificate> embeddedCa = readCertificate(parsed.certificateAuthority());
    Verdict client =
        check(parsed.clientCertificate(), parsed.clientKey(), caPem, List.of(), annotations);
    if (client != Verdict.VALID && client != Verdict.EXPIRING) {
      return client;
    }
    if (embeddedCa.isEmpty() || !sameCertificate(embeddedCa.get(), ca)) {
      return Verdict.NOT_SIGNED_BY_CA;
    }
    if (expectedServer != null && !expectedServer.equals(parsed.server())) {
      return Verdict.SERVER_CHANGED;
    }
    return client;
  }

  /** When a certificate that is valid now must be checked again: NotAfter minus the deadline. */
  public Instant recheckAt(byte[] certificatePem) {
    return Pem.decodeCertificate(certificatePem)
        .getNotAfter()
        .toInstant()
        .minus(expirationDeadline);
  }

  /**
   * Whether the CA changed between two readings of {@code ca.crt}: if so, every certificate and
   * kubeconfig it signed is reissued and the Deployment rolls (its pod template hashes Secrets). An
   * unreadable side counts as a change.
   */
  public static boolean caChanged(byte[] previousCaPem, byte[] currentCaPem) {
    try {
      return !sameCertificate(
          Pem.decodeCertificate(previousCaPem), Pem.decodeCertificate(currentCaPem));
    } catch (PemException e) {
      return true;
    }
  }

  /** SHA-256 of the first certificate's DER, lower-case hex: a stable CA identity to record. */
  public static String fingerprint(byte[] certificatePem) {
    try {
      byte[] der = Pem.decodeCertificate(certificatePem).getEncoded();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean expiring(X509Certificate certificate) {
    Instant threshold = clock.instant().plus(expirationDeadline);
    return !certificate.getNotAfter().toInstant().isAfter(threshold);
  }

  private boolean notYetValid(X509Certificate certificate) {
    return certificate.getNotBefore().toInstant().isAfter(clock.instant());
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean covers(X509Certificate certificate, Collection<String> required) {
    if (required.isEmpty()) {
      return true;
    }
    Set<String> dns = new HashSet<>();
    Set<InetAddress> ips = new HashSet<>();
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          int type = (Integer) name.get(0);
          String value = (String) name.get(1);
          if (type == 2) {
            dns.add(value.toLowerCase(Locale.ROOT));
          } else if (type == 7) {
            IpAddresses.parseLiteral(value).ifPresent(ips::add);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    for (String name : required) {
      Optional<InetAddress> ip = IpAddresses.parseLiteral(name);
      boolean present =
          ip.isPresent() ? ips.contains(ip.get()) : dns.contains(name.toLowerCase(Locale.ROOT));
      if (!present) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (CertificateEncodingException e) {
      return false;
    }
  }

  private static Optional<X509Certificate> readCertificate(byte[] pem) {
    try {
      return Optional.of(Pem.decodeCertificate(pem));
    } catch (PemException e) {
      return Optional.empty();
    }
  }

  /** The pair with the public half derived from the private key, so a forged half cannot pass. */
  private static Optional<KeyPair> readKeys(byte[] pem) {
    try {
      return Optional.of(KeyPairs.fromPrivateKey(Pem.decodePrivateKey(pem).getPrivate()));
    } catch (PemException e) {
      return Optional.empty();
    }
  }

  private static boolean isEmpty(byte[] bytes) {
    return bytes == null || bytes.length == 0;
  }
}
