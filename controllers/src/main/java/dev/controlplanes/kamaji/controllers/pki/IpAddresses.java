package dev.controlplanes.kamaji.controllers.pki;

import dev.controlplanes.kamaji.api.net.IpAddress;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IP literals and CIDRs, parsed without ever resolving a host name. */
final class IpAddresses {

  private IpAddresses() {}

  /** The address if {@code text} is an IPv4 or IPv6 literal; empty for a DNS name. */
  static Optional<InetAddress> parseLiteral(String text) {
    String candidate =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    // Our own parser: InetAddress.getByName looks up whatever is not a valid literal (999.0.0.1).
    return IpAddress.parse(candidate)
        .map(
            ip -> {
              try {
                return InetAddress.getByAddress(ip.bytes());
              } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** The first usable address of a CIDR (network + 1), kubeadm's API server virtual IP. */
  static InetAddress firstAddress(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    InetAddress network =
        parseLiteral(cidr.substring(0, slash))
            .orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + cidr));
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + cidr, e);
    }
    byte[] bytes = network.getAddress();
    int bits = bytes.length * 8;
    if (prefix < 0 || prefix >= bits) {
      throw new IllegalArgumentException("CIDR has no usable address: " + cidr);
    }
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE.shiftLeft(bits - prefix));
    BigInteger first = new BigInteger(1, bytes).and(mask).add(BigInteger.ONE);
    byte[] raw = first.toByteArray();
    byte[] address = new byte[bytes.length];
    int copy = Math.min(raw.length, address.length);
    System.arraycopy(raw, raw.length - copy, address, address.length - copy, copy);
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code host} as it goes into a URL: IPv6 literals in brackets. */
  static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
