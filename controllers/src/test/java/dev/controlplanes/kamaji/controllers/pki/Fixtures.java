package dev.controlplanes.kamaji.controllers.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Shared inputs for the PKI tests. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Fixtures() {}

  static CertificateBundle ca(String commonName, KeyAlgorithm algorithm) {
    return CertificateIssuer.selfSignedCa(
        CertificateSpec.ca(
            commonName, NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofDays(3650))),
        algorithm);
  }

  /** A TCP {@code tenant-00} in {@code tenants}, dual-stack services, with extra SANs. */
  static TenantPkiParameters parameters(KeyAlgorithm algorithm) {
    return TenantPkiParameters.of(
            "tenant-00",
            "tenants",
            "tenant.local",
            List.of("10.96.0.0/16", "fd00:10:96::/112"),
            "172.18.0.100",
            6443)
        .withCertSans(List.of("api.example.com", "203.0.113.7", "not a name!"))
        .withAlgorithm(algorithm)
        .withClock(CLOCK);
  }

  /** Issued Secrets by which Secret they are. */
  static Map<PkiSecret, SecretContent> bySecret(Collection<SecretContent> contents) {
    return contents.stream().collect(Collectors.toMap(SecretContent::secret, Function.identity()));
  }
}
