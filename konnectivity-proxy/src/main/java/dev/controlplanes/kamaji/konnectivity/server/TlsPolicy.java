package dev.controlplanes.kamaji.konnectivity.server;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code --cipher-suites} and {@code --tls-min-version}, applied to every TLS listener of the
 * server (agents, gRPC and HTTP CONNECT frontends) as upstream applies them to its Go listeners.
 *
 * <p>Cipher suites take Go's names (IANA's), and only those Go considers secure; as in Go, they
 * restrict TLS 1.2 and leave TLS 1.3's suites alone. The minimum version is never below TLS 1.2,
 * upstream's fixed minimum: {@code VersionTLS10} and {@code VersionTLS11} are accepted and mean TLS
 * 1.2.
 */
public record TlsPolicy(List<String> cipherSuites, boolean tls13Only) {

  /** Go's {@code tls.CipherSuites()}: the suites upstream's {@code --cipher-suites} accepts. */
  static final Set<String> ACCEPTED_CIPHER_SUITES =
      Set.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  private static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  private static final List<String> MIN_VERSIONS =
      List.of("VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13");

  public TlsPolicy {
    cipherSuites = List.copyOf(cipherSuites);
  }

  /** Checks the flags as upstream does; returns the policy they describe. */
  static TlsPolicy of(List<String> cipherSuites, String minVersion) {
    for (String suite : cipherSuites) {
      if (!ACCEPTED_CIPHER_SUITES.contains(suite)) {
        throw new IllegalArgumentException(
            "cipher suite " + suite + " not supported, doesn't exist or considered as insecure");
      }
    }
    if (!MIN_VERSIONS.contains(minVersion)) {
      throw new IllegalArgumentException(
          "--tls-min-version must be one of " + String.join(", ", MIN_VERSIONS));
    }
    return new TlsPolicy(cipherSuites, minVersion.equals("VersionTLS13"));
  }

  /** Restricts {@code builder}'s protocols and, when suites were given, its cipher suites. */
  SslContextBuilder applyTo(SslContextBuilder builder) {
    builder.protocols(tls13Only ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2"));
    if (!cipherSuites.isEmpty()) {
      List<String> suites = new ArrayList<>(cipherSuites);
      TLS13_SUITES.stream().filter(s -> !suites.contains(s)).forEach(suites::add);
      builder.ciphers(suites, SupportedCipherSuiteFilter.INSTANCE);
    }
    return builder;
  }
}
