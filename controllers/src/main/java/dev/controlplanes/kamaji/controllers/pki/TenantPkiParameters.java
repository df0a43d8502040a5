package dev.controlplanes.kamaji.controllers.pki;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything the tenant PKI is derived from; plain values read from the TenantControlPlane.
 *
 * @param name TenantControlPlane name (also the kubeconfig cluster name)
 * @param namespace TenantControlPlane namespace
 * @param clusterDomain the tenant's DNS domain ({@code networkProfile.clusterDomain})
 * @param serviceCidrs the tenant's service CIDRs; the first address of each is an API server SAN
 * @param address the control-plane address (kubeadm's advertise address)
 * @param port the API server port ({@code networkProfile.port})
 * @param endpointHost host of the public endpoint (ingress/gateway hostname, else the address)
 * @param endpointPort port of the public endpoint
 * @param certSans extra SANs ({@code networkProfile.certSANs}, plus the advertise address when it
 *     differs from the address)
 * @param managementClusterDomain DNS domain of the management cluster, for the {@code
 *     <tcp>.<ns>.svc.<domain>} SAN (Kamaji hard-codes {@code cluster.local})
 * @param algorithm key algorithm of every key issued
 * @param clock source of "now" for validity windows
 */
public record TenantPkiParameters(
    String name,
    String namespace,
    String clusterDomain,
    List<String> serviceCidrs,
    String address,
    int port,
    String endpointHost,
    int endpointPort,
    List<String> certSans,
    String managementClusterDomain,
    KeyAlgorithm algorithm,
    Clock clock) {

  /** The default algorithm; the choice is measured in docs/benchmarks.md. */
  public static final KeyAlgorithm DEFAULT_ALGORITHM = KeyAlgorithm.ECDSA_P256;

  public TenantPkiParameters {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    serviceCidrs = List.copyOf(serviceCidrs);
    Objects.requireNonNull(address, "address");
    if (port <= 0 || port > 65535 || endpointPort <= 0 || endpointPort > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    Objects.requireNonNull(endpointHost, "endpointHost");
    certSans = List.copyOf(certSans);
    Objects.requireNonNull(managementClusterDomain, "managementClusterDomain");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parameters with the endpoint = address:port, no extra SANs, management domain {@code
   * cluster.local}, the default algorithm and the system clock.
   */
  public static TenantPkiParameters of(
      String name,
      String namespace,
      String clusterDomain,
      List<String> serviceCidrs,
      String address,
      int port) {
    return new TenantPkiParameters(
        name,
        namespace,
        clusterDomain,
        serviceCidrs,
        address,
        port,
        address,
        port,
        List.of(),
        "cluster.local",
        DEFAULT_ALGORITHM,
        Clock.systemUTC());
  }

  /** The same parameters with the public endpoint (ingress or gateway host and port). */
  public TenantPkiParameters withEndpoint(String host, int newPort) {
    Builder builder = new Builder(this);
    builder.endpointHost = host;
    builder.endpointPort = newPort;
    return builder.build();
  }

  public TenantPkiParameters withCertSans(List<String> sans) {
    Builder builder = new Builder(this);
    builder.certSans = sans;
    return builder.build();
  }

  public TenantPkiParameters withAlgorithm(KeyAlgorithm newAlgorithm) {
    Builder builder = new Builder(this);
    builder.algorithm = newAlgorithm;
    return builder.build();
  }

  public TenantPkiParameters withClock(Clock newClock) {
    Builder builder = new Builder(this);
    builder.clock = newClock;
    return builder.build();
  }

  public TenantPkiParameters withManagementClusterDomain(String domain) {
    Builder builder = new Builder(this);
    builder.managementClusterDomain = domain;
    return builder.build();
  }

  /** A copy to change one field of; the record's constructor validates the result. */
  private static final class Builder {
    private final TenantPkiParameters base;
    private String endpointHost;
    private int endpointPort;
    private List<String> certSans;
    private String managementClusterDomain;
    private KeyAlgorithm algorithm;
    private Clock clock;

    Builder(TenantPkiParameters base) {
      this.base = base;
      this.endpointHost = base.endpointHost;
      this.endpointPort = base.endpointPort;
      this.certSans = base.certSans;
      this.managementClusterDomain = base.managementClusterDomain;
      this.algorithm = base.algorithm;
      this.clock = base.clock;
    }

    TenantPkiParameters build() {
      return new TenantPkiParameters(
          base.name,
          base.namespace,
          base.clusterDomain,
          base.serviceCidrs,
          base.address,
          base.port,
          endpointHost,
          endpointPort,
          certSans,
          managementClusterDomain,
          algorithm,
          clock);
    }
  }

  /** {@code https://<endpoint host>:<endpoint port>}: admin.conf and super-admin.conf. */
  public String publicServer() {
    return "https://" + IpAddresses.urlHost(endpointHost) + ":" + endpointPort;
  }

  /** {@code https://<tcp>.<ns>.svc:<port>}: admin.svc and super-admin.svc. */
  public String serviceServer() {
    return "https://" + name + "." + namespace + ".svc:" + port;
  }

  /** {@code https://localhost:<port>}: the components in the control-plane pod. */
  public String localServer() {
    return "https://localhost:" + port;
  }
}
