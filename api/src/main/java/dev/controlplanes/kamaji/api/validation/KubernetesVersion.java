package dev.controlplanes.kamaji.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A semantic version as Kamaji reads Kubernetes versions: an optional leading {@code v}, then
 * {@code MAJOR.MINOR.PATCH} with optional {@code -prerelease} and {@code +build} parts. Ordering
 * follows semantic versioning (build metadata is ignored).
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number
 * @param preRelease the dot-separated pre-release identifiers; empty for a release
 */
public record KubernetesVersion(long major, long minor, long patch, List<String> preRelease)
    implements Comparable<KubernetesVersion> {

  public KubernetesVersion {
    preRelease = List.copyOf(preRelease);
  }

  /**
   * Parses a version.
   *
   * @throws IllegalArgumentException with a short reason when the text is not a version
   */
  public static KubernetesVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.startsWith("v") ? text.substring(1) : text;
    int plus = s.indexOf('+');
    if (plus >= 0) {
      identifiers(s.substring(plus + 1), "build metadata", false);
      s = s.substring(0, plus);
    }
    List<String> pre = List.of();
    int dash = s.indexOf('-');
    if (dash >= 0) {
      pre = identifiers(s.substring(dash + 1), "pre-release", true);
      s = s.substring(0, dash);
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("no Major.Minor.Patch elements found");
    }
    return new KubernetesVersion(
        number(parts[0], "major"), number(parts[1], "minor"), number(parts[2], "patch"), pre);
  }

  /** The same version with patch 0, pre-release kept: Kamaji ignores patch levels. */
  public KubernetesVersion withoutPatch() {
    return new KubernetesVersion(major, minor, 0, preRelease);
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  @Override
  public String toString() {
    return major
        + "."
        + minor
        + "."
        + patch
        + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease));
  }

  private static int compareIdentifier(String a, String b) {
    boolean numA = isNumeric(a);
    boolean numB = isNumeric(b);
    if (numA && numB) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (numA != numB) {
      return numA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static long number(String s, String what) {
    if (s.isEmpty() || !isNumeric(s)) {
      throw new IllegalArgumentException(
          "invalid character(s) found in " + what + " number " + quote(s));
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new IllegalArgumentException(
          what + " number must not contain leading zeroes " + quote(s));
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " number is too large " + quote(s), e);
    }
  }

  private static List<String> identifiers(String s, String what, boolean noLeadingZeros) {
    List<String> out = new ArrayList<>();
    for (String id : s.split("\\.", -1)) {
      if (id.isEmpty()
          || !id.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
        throw new IllegalArgumentException("invalid " + what + " identifier " + quote(id));
      }
      if (noLeadingZeros && isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
        throw new IllegalArgumentException(
            what + " number must not contain leading zeroes " + quote(id));
      }
      out.add(id);
    }
    return out;
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
