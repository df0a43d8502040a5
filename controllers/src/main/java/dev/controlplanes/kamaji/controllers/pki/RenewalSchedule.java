package dev.controlplanes.kamaji.controllers.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a tenant must be reconciled again for its certificates, as Kamaji's certificate-lifecycle
 * controller decides: at the first moment {@code now + deadline} passes the NotAfter of one of its
 * labelled Secrets (x509 certificates and the client certificates of kubeconfigs; CAs are never
 * renewed by expiry, the service-account key pair has no expiry). Pure: data in, instant out.
 */
public final class RenewalSchedule {

  /**
   * NotAfter by content: every pass looks at every certificate and kubeconfig of its tenant, and
   * parsing them (a kubeconfig is YAML) cost more than the rest of a converged pass's checks.
   */
  private static final VerificationCache<Optional<Instant>> NOT_AFTER =
      new VerificationCache<>(CertificateChecks.SHARED_CAPACITY);

  private final Duration expirationDeadline;

  public RenewalSchedule(Duration expirationDeadline) {
    if (expirationDeadline.isNegative()) {
      throw new IllegalArgumentException("expirationDeadline must not be negative");
    }
    this.expirationDeadline = expirationDeadline;
  }

  /**
   * The earliest renewal moment over the given Secrets' data, or empty when none holds a
   * certificate subject to renewal. Unreadable items are skipped: the checks of the next pass
   * regenerate them anyway.
   */
  public Optional<Instant> earliest(Map<PkiSecret, Map<String, byte[]>> secrets) {
    Instant earliest = null;
    for (Map.Entry<PkiSecret, Map<String, byte[]>> entry : secrets.entrySet()) {
      Optional<Instant> at = renewalOf(entry.getKey(), entry.getValue());
      if (at.isPresent() && (earliest == null || at.get().isBefore(earliest))) {
        earliest = at.get();
      }
    }
    return Optional.ofNullable(earliest);
  }

  /**
   * How long to wait from {@code now} until {@code renewalAt}; a moment already past gets {@code
   * retry} (a certificate that the pass could not renew, e.g. one from an external PKI, must not
   * make the controller spin).
   */
  public static Duration delayUntil(Instant renewalAt, Instant now, Duration retry) {
    Duration delay = Duration.between(now, renewalAt);
    return delay.isNegative() || delay.isZero() ? retry : delay;
  }

  /**
   * The NotAfter of a Secret labelled for the certificate lifecycle, read as Kamaji's controller
   * reads it: for {@code x509}, the first value (by key) that is a certificate; for {@code
   * kubeconfig}, the client certificate of the first value that is a kubeconfig. Empty when none is
   * (Kamaji counts such a Secret as invalid).
   */
  public static Optional<Instant> labelledNotAfter(String strategy, Map<String, byte[]> data) {
    if (data == null) {
      return Optional.empty();
    }
    for (String key : new java.util.TreeSet<>(data.keySet())) {
      Optional<Instant> at;
      try {
        at =
            PkiSecret.Kind.KUBECONFIG.label().equals(strategy)
                ? kubeconfigNotAfter(data.get(key))
                : certificateNotAfter(data.get(key));
      } catch (RuntimeException notThisKey) {
        at = Optional.empty(); // another key of the Secret may hold it
      }
      if (at.isPresent()) {
        return at;
      }
    }
    return Optional.empty();
  }

  private Optional<Instant> renewalOf(PkiSecret secret, Map<String, byte[]> data) {
    if (data == null || secret.kind().label() == null || isCa(secret)) {
      return Optional.empty();
    }
    Instant earliest = null;
    if (secret.kind() == PkiSecret.Kind.X509) {
      earliest = renewal(certificateNotAfter(data.get(secret.certificateKey())));
    } else {
      for (String key : secret.dataKeys()) {
        Instant at = renewal(kubeconfigNotAfter(data.get(key)));
        if (at != null && (earliest == null || at.isBefore(earliest))) {
          earliest = at;
        }
      }
    }
    return Optional.ofNullable(earliest);
  }

  private static boolean isCa(PkiSecret secret) {
    return secret == PkiSecret.CA || secret == PkiSecret.FRONT_PROXY_CA;
  }

  private Instant renewal(Optional<Instant> notAfter) {
    return notAfter.map(at -> at.minus(expirationDeadline)).orElse(null);
  }

  private static Optional<Instant> certificateNotAfter(byte[] certificatePem) {
    if (certificatePem == null || certificatePem.length == 0) {
      return Optional.empty();
    }
    return NOT_AFTER.get(
        VerificationCache.key("not-after").bytes(certificatePem).build(),
        () -> notAfter(certificatePem));
  }

  private static Optional<Instant> kubeconfigNotAfter(byte[] kubeconfig) {
    if (kubeconfig == null || kubeconfig.length == 0) {
      return Optional.empty();
    }
    return NOT_AFTER.get(
        VerificationCache.key("kubeconfig-not-after").bytes(kubeconfig).build(),
        () -> {
          try {
            return notAfter(
                Objects.requireNonNull(Kubeconfigs.parse(kubeconfig).clientCertificate()));
          } catch (PemException e) {
            return Optional.empty();
          }
        });
  }

  private static Optional<Instant> notAfter(byte[] certificatePem) {
    try {
      return Optional.of(Pem.decodeCertificate(certificatePem).getNotAfter().toInstant());
    } catch (PemException e) {
      return Optional.empty();
    }
  }
}
