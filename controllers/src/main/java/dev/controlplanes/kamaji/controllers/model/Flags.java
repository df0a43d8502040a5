package dev.controlplanes.kamaji.controllers.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kamaji's handling of {@code --flag=value} argument lists. */
final class Flags {

  private Flags() {}

  /** The flag name of an argument: the part before the first {@code =}. */
  static String name(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  /** Arguments as flag → value (a later duplicate wins; a bare flag maps to ""). */
  static Map<String, String> toMap(List<String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args != null) {
      for (String arg : args) {
        int eq = arg.indexOf('=');
        out.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "" : arg.substring(eq + 1));
      }
    }
    return out;
  }

  /** {@code flag=value} (or the bare flag for an empty value), sorted as strings. */
  static List<String> sorted(Map<String, String> args) {
    List<String> out = new ArrayList<>(args.size());
    args.forEach((flag, value) -> out.add(format(flag, value)));
    out.sort(null);
    return out;
  }

  /**
   * kube-apiserver's three layers: managed flags always win (user duplicates are dropped), safe
   * defaults apply only to flags the user did not set, and the sorted Kamaji block is followed by
   * the user's arguments verbatim (repeatable flags and their order are kept).
   */
  static List<String> mergeApiServer(
      Map<String, String> managed, Map<String, String> safeDefaults, List<String> user) {
    List<String> extras = new ArrayList<>();
    Set<String> userFlags = new HashSet<>();
    for (String arg : user == null ? List.<String>of() : user) {
      String flag = name(arg);
      if (!managed.containsKey(flag)) {
        userFlags.add(flag);
        extras.add(arg);
      }
    }
    List<String> owned = new ArrayList<>();
    safeDefaults.forEach(
        (flag, value) -> {
          if (!userFlags.contains(flag)) {
            owned.add(format(flag, value));
          }
        });
    managed.forEach((flag, value) -> owned.add(format(flag, value)));
    owned.sort(null);
    owned.addAll(extras);
    return owned;
  }

  private static String format(String flag, String value) {
    return value.isEmpty() ? flag : flag + "=" + value;
  }
}
