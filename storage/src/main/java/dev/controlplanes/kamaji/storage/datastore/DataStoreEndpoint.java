package dev.controlplanes.kamaji.storage.datastore;

import java.util.List;
import java.util.Objects;

/**
 * How to reach a DataStore as its administrator: the driver, {@code host:port} endpoints and the
 * credentials (TLS material as PEM, and/or basic auth). Controllers build it from a DataStore
 * resource; this module knows nothing of the API types.
 *
 * <p>etcd uses every endpoint over {@code https://}; MySQL and PostgreSQL use the first only.
 * {@link #toString()} shows neither the password nor the key.
 */
public record DataStoreEndpoint(
    DataStoreDriver driver, List<String> endpoints, Tls tls, BasicAuth basicAuth) {

  public DataStoreEndpoint {
    Objects.requireNonNull(driver, "driver");
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a DataStore needs at least one endpoint");
    }
    for (String endpoint : endpoints) {
      HostPort.parse(endpoint); // fails early on a malformed endpoint
    }
  }

  /** The first endpoint, the only one the SQL drivers use. */
  public HostPort first() {
    return HostPort.parse(endpoints.get(0));
  }

  /**
   * PEM material: the CA that signed the server certificate and, optionally, a client certificate
   * and its PKCS#8 key. The arrays are not copied; callers must not change them.
   */
  public record Tls(byte[] caCertificate, byte[] clientCertificate, byte[] clientKey) {

    public Tls {
      Objects.requireNonNull(caCertificate, "caCertificate");
      if ((clientCertificate == null) != (clientKey == null)) {
        throw new IllegalArgumentException("a client certificate needs its key and vice versa");
      }
    }

    public boolean hasClientCertificate() {
      return clientCertificate != null;
    }

    @Override
    public String toString() {
      return "Tls[caCertificate="
          + caCertificate.length
          + " bytes, clientCertificate="
          + (clientCertificate == null ? "none" : clientCertificate.length + " bytes")
          + ", clientKey="
          + (clientKey == null ? "none" : "<redacted>")
          + "]";
    }
  }

  /** A user name and password. */
  public record BasicAuth(String username, String password) {

    public BasicAuth {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "BasicAuth[username=" + username + ", password=<redacted>]";
    }
  }

  /** A parsed {@code host:port}; IPv6 hosts are written in brackets. */
  public record HostPort(String host, int port) {

    public static HostPort parse(String endpoint) {
      int colon = endpoint.lastIndexOf(':');
      if (colon <= 0 || colon == endpoint.length() - 1) {
        throw new IllegalArgumentException("not host:port: " + endpoint);
      }
      String host = endpoint.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(endpoint.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not host:port: " + endpoint, e);
      }
      if (port < 1 || port > 65535 || host.contains("/") || host.contains("?")) {
        throw new IllegalArgumentException("not host:port: " + endpoint);
      }
      return new HostPort(host, port);
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
