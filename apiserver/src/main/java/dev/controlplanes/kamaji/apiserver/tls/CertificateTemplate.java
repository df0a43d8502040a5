package dev.controlplanes.kamaji.apiserver.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to put into a certificate issued by {@link CertificateAuthority}: subject, SANs, extended
 * key usages and validity window. For local development and tests only.
 *
 * @param commonName subject CN (the user name of a client certificate)
 * @param organizations subject O values, in order (the groups of a client certificate)
 * @param subjectAlternativeNames DNS names and IP literals; an IP literal becomes an IP SAN
 * @param usages extended key usages; empty means "no EKU extension" (any usage)
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record CertificateTemplate(
    String commonName,
    List<String> organizations,
    List<String> subjectAlternativeNames,
    Set<Usage> usages,
    Instant notBefore,
    Instant notAfter) {

  /** Extended key usages this helper knows how to write. */
  public enum Usage {
    SERVER_AUTH,
    CLIENT_AUTH
  }

  /** Default validity of issued certificates: long enough for any test run or dev session. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);

  public CertificateTemplate {
    Objects.requireNonNull(commonName, "commonName");
    organizations = List.copyOf(organizations);
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    usages = Set.copyOf(usages);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
  }

  /** A serving certificate (serverAuth) for the given DNS names and IP literals. */
  public static CertificateTemplate server(String commonName, String... subjectAlternativeNames) {
    Window window = validFromNow();
    return new CertificateTemplate(
        commonName,
        List.of(),
        List.of(subjectAlternativeNames),
        Set.of(Usage.SERVER_AUTH),
        window.notBefore,
        window.notAfter);
  }

  /** A client certificate (clientAuth): CN is the user, each O is a group. */
  public static CertificateTemplate client(String commonName, String... organizations) {
    Window window = validFromNow();
    return new CertificateTemplate(
        commonName,
        List.of(organizations),
        List.of(),
        Set.of(Usage.CLIENT_AUTH),
        window.notBefore,
        window.notAfter);
  }

  /** The same template with other extended key usages (empty set: no EKU extension). */
  public CertificateTemplate withUsages(Usage... newUsages) {
    return new CertificateTemplate(
        commonName, organizations, subjectAlternativeNames, Set.of(newUsages), notBefore, notAfter);
  }

  /** The same template with another validity window (for expired/not-yet-valid cases). */
  public CertificateTemplate withValidity(Instant newNotBefore, Instant newNotAfter) {
    return new CertificateTemplate(
        commonName, organizations, subjectAlternativeNames, usages, newNotBefore, newNotAfter);
  }

  private record Window(Instant notBefore, Instant notAfter) {}

  private static Window validFromNow() {
    // Backdate a little so that clocks a few seconds apart still accept the certificate.
    Instant now = Instant.now();
    return new Window(now.minus(Duration.ofMinutes(5)), now.plus(DEFAULT_VALIDITY));
  }
}
