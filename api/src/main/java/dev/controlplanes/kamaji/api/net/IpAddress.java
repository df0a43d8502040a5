package dev.controlplanes.kamaji.api.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from its text form, without any name resolution.
 *
 * <p>Parsing is strict like Go's {@code netip.ParseAddr}: IPv4 is four decimal octets without
 * leading zeros; IPv6 is up to eight hexadecimal groups with at most one {@code ::} and an optional
 * trailing dotted IPv4 part; zones ({@code %eth0}) are refused. {@link #toString()} gives the
 * canonical form (RFC 5952 for IPv6).
 */
public final class IpAddress {

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Parses an address; empty when {@code text} is not an IP address literal. */
  public static Optional<IpAddress> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    byte[] parsed = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    return Optional.ofNullable(parsed).map(IpAddress::new);
  }

  /** Builds an address from 4 (IPv4) or 16 (IPv6) bytes. */
  public static IpAddress of(byte[] bytes) {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
    return new IpAddress(bytes.clone());
  }

  /** True for a 4-byte IPv4 address. */
  public boolean isV4() {
    return bytes.length == 4;
  }

  /** True for an IPv6 address of the form {@code ::ffff:a.b.c.d}. */
  public boolean isV4Mapped() {
    if (bytes.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** The address bytes (a copy): 4 for IPv4, 16 for IPv6. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The address whose last byte is increased by {@code n}, wrapping within that byte, exactly as
   * Kamaji derives DNS Service IPs from a Service CIDR.
   */
  public IpAddress plusLastByte(int n) {
    byte[] copy = bytes.clone();
    copy[copy.length - 1] = (byte) (copy[copy.length - 1] + n);
    return new IpAddress(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    if (isV4()) {
      return v4(bytes, 0);
    }
    if (isV4Mapped()) {
      return "::ffff:" + v4(bytes, 12);
    }
    return v6(bytes);
  }

  private static String v4(byte[] b, int from) {
    return (b[from] & 0xff)
        + "."
        + (b[from + 1] & 0xff)
        + "."
        + (b[from + 2] & 0xff)
        + "."
        + (b[from + 3] & 0xff);
  }

  private static String v6(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  static byte[] parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < part.length(); k++) {
        char c = part.charAt(k);
        if (c < '0' || c > '9') {
          return null;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return null;
      }
      out[i] = (byte) value;
    }
    return out;
  }

  private static byte[] parseV6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = gap < 0 ? groups(text, true) : groups(text.substring(0, gap), false);
    int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.length; i++) {
      put(out, i, head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      put(out, 8 - tail.length + i, tail[i]);
    }
    return out;
  }

  private static void put(byte[] out, int group, int value) {
    out[2 * group] = (byte) (value >> 8);
    out[2 * group + 1] = (byte) value;
  }

  /** Parses colon-separated groups; the last may be a dotted IPv4 part when allowed. */
  private static int[] groups(String text, boolean allowV4) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int extra = 0;
    byte[] v4 = null;
    if (allowV4 && parts[parts.length - 1].indexOf('.') >= 0) {
      v4 = parseV4(parts[parts.length - 1]);
      if (v4 == null) {
        return null;
      }
      extra = 1;
    }
    int[] out = new int[parts.length + extra];
    int n = parts.length - (v4 == null ? 0 : 1);
    for (int i = 0; i < n; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 4) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < part.length(); k++) {
        int digit = Character.digit(part.charAt(k), 16);
        if (digit < 0) {
          return null;
        }
        value = value * 16 + digit;
      }
      out[i] = value;
    }
    if (v4 != null) {
      out[n] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
      out[n + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
    }
    return out;
  }
}
