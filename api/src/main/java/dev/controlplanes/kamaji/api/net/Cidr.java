package dev.controlplanes.kamaji.api.net;

import java.util.Objects;
import java.util.Optional;

/**
 * A CIDR such as {@code 10.96.0.0/16} or {@code fd00::/108}: an address as written and a prefix
 * length. Like Go's parsers, host bits after the prefix are allowed and kept in {@link #address()}.
 *
 * @param address the address part as written
 * @param prefixLength the number of leading bits of the network
 */
public record Cidr(IpAddress address, int prefixLength) {

  public Cidr {
    Objects.requireNonNull(address, "address");
    int bits = address.isV4() ? 32 : 128;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
  }

  /** Parses {@code address/prefix}; empty when the text is not a CIDR. */
  public static Optional<Cidr> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      return Optional.empty();
    }
    String bits = text.substring(slash + 1);
    if (bits.isEmpty() || bits.length() > 3 || (bits.length() > 1 && bits.charAt(0) == '0')) {
      return Optional.empty();
    }
    for (int i = 0; i < bits.length(); i++) {
      if (bits.charAt(i) < '0' || bits.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    int prefix = Integer.parseInt(bits);
    return IpAddress.parse(text.substring(0, slash))
        .filter(ip -> prefix <= (ip.isV4() ? 32 : 128))
        .map(ip -> new Cidr(ip, prefix));
  }

  /** True when {@code ip} is of the same family and its first {@link #prefixLength} bits match. */
  public boolean contains(IpAddress ip) {
    byte[] network = address.bytes();
    byte[] candidate = ip.bytes();
    if (network.length != candidate.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (network[i] != candidate[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (network[full] & mask) == (candidate[full] & mask);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
