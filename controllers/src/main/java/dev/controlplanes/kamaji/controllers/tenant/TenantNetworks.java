package dev.controlplanes.kamaji.controllers.tenant;

import dev.controlplanes.kamaji.api.net.Cidr;
import dev.controlplanes.kamaji.api.net.IpAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The networks in which the tenant-side phase may dial a tenant's API server ({@code
 * --tenant-networks}). Empty means anywhere. Otherwise only an endpoint whose host is an IP literal
 * inside one of the ranges (or {@code localhost}, as loopback) is dialled; a host name is never
 * resolved, since even the lookup would leave those networks. A manager outside the cluster (a
 * local cluster, a laptop) thus never sends anything to ClusterIPs it cannot reach.
 */
public final class TenantNetworks {

  private static final IpAddress LOCALHOST = IpAddress.of(new byte[] {127, 0, 0, 1});

  private final List<Cidr> ranges;

  private TenantNetworks(List<Cidr> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Every network: the tenant's endpoint is dialled wherever it is. */
  public static TenantNetworks any() {
    return new TenantNetworks(List.of());
  }

  /**
   * Comma-separated CIDRs such as {@code 127.0.0.0/8,::1/128}; empty for any network.
   *
   * @throws IllegalArgumentException naming the entry that is not a CIDR of an IP literal
   */
  public static TenantNetworks parse(String cidrs) {
    List<Cidr> ranges = new ArrayList<>();
    for (String entry : cidrs.split(",")) {
      String cidr = entry.strip();
      if (!cidr.isEmpty()) {
        ranges.add(
            Cidr.parse(cidr)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--tenant-networks: "
                                + cidr
                                + " is not a CIDR such as 127.0.0.0/8 or ::1/128")));
      }
    }
    return new TenantNetworks(ranges);
  }

  /** Whether the tenant-side phase may dial the API server at {@code serverUrl}. */
  public boolean permits(String serverUrl) {
    if (ranges.isEmpty()) {
      return true;
    }
    Optional<IpAddress> address = literalHost(serverUrl);
    return address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
  }

  /** The URL's host if it is an IP literal or {@code localhost}; never a DNS lookup. */
  private static Optional<IpAddress> literalHost(String serverUrl) {
    String host;
    try {
      host = URI.create(serverUrl).getHost();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (host == null) {
      return Optional.empty();
    }
    if (host.equalsIgnoreCase("localhost")) {
      return Optional.of(LOCALHOST);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return IpAddress.parse(host);
  }

  @Override
  public String toString() {
    return ranges.isEmpty()
        ? "any network"
        : String.join(",", ranges.stream().map(Cidr::toString).toList());
  }
}
