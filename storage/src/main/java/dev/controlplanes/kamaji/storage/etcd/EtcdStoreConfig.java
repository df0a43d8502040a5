package dev.controlplanes.kamaji.storage.etcd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach etcd.
 *
 * @param endpoints client URLs ({@code http://host:port}, or {@code https://} when {@code tls} is
 *     set); at least one
 * @param tls TLS material, or null for plain-text connections
 * @param requestTimeout how long one call may take before it fails with TIMEOUT
 */
public record EtcdStoreConfig(List<URI> endpoints, Tls tls, Duration requestTimeout) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  public EtcdStoreConfig {
    endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is required");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    // jetcd picks TLS from the presence of an SSL context, not from the URL scheme, so a mismatch
    // would silently talk plain text to an https endpoint (or the reverse).
    String scheme = tls == null ? "http" : "https";
    for (URI endpoint : endpoints) {
      if (!scheme.equals(endpoint.getScheme()) || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "etcd endpoint must look like " + scheme + "://host:port: " + endpoint);
      }
    }
  }

  /** Plain-text endpoints with the default request timeout. */
  public static EtcdStoreConfig of(String... endpoints) {
    return of(null, endpoints);
  }

  /** TLS endpoints ({@code https://}) with the default request timeout. */
  public static EtcdStoreConfig of(Tls tls, String... endpoints) {
    return new EtcdStoreConfig(
        List.of(endpoints).stream().map(URI::create).toList(), tls, DEFAULT_REQUEST_TIMEOUT);
  }

  public EtcdStoreConfig withRequestTimeout(Duration requestTimeout) {
    return new EtcdStoreConfig(endpoints, tls, requestTimeout);
  }

  /**
   * PEM files for TLS to etcd.
   *
   * @param caFile the CA bundle that signed the etcd server certificates
   * @param certFile the client certificate, or null when etcd does not ask for one
   * @param keyFile the client key in PKCS#8 form, or null together with {@code certFile}
   */
  public record Tls(Path caFile, Path certFile, Path keyFile) {

    public Tls {
      Objects.requireNonNull(caFile, "caFile");
      if ((certFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException("certFile and keyFile go together");
      }
    }

    public static Tls serverOnly(Path caFile) {
      return new Tls(caFile, null, null);
    }
  }
}
