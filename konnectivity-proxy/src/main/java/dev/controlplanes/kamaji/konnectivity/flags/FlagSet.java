package dev.controlplanes.kamaji.konnectivity.flags;

import dev.controlplanes.kamaji.api.time.GoDuration;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pflag-like command line: {@code --name=value}, {@code --name value}, {@code -name=value} and
 * bare booleans. Every flag must be declared (as upstream, an unknown flag is an error); the klog
 * logging flags are accepted and ignored so the upstream command lines work unchanged.
 */
public final class FlagSet {

  private static final Set<String> KLOG_FLAGS =
      Set.of(
          "v",
          "logtostderr",
          "alsologtostderr",
          "log-file",
          "log-dir",
          "log-file-max-size",
          "log-backtrace-at",
          "log-flush-frequency",
          "add-dir-header",
          "one-output",
          "skip-headers",
          "skip-log-headers",
          "stderrthreshold",
          "vmodule");
  private static final Set<String> KLOG_BOOLEANS =
      Set.of(
          "logtostderr",
          "alsologtostderr",
          "add-dir-header",
          "one-output",
          "skip-headers",
          "skip-log-headers");

  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Set<String> booleans = new java.util.HashSet<>();
  private final Map<String, String> values = new HashMap<>();

  public FlagSet string(String name, String defaultValue) {
    defaults.put(name, defaultValue);
    return this;
  }

  public FlagSet bool(String name, boolean defaultValue) {
    defaults.put(name, Boolean.toString(defaultValue));
    booleans.add(name);
    return this;
  }

  /** Parses the arguments; throws IllegalArgumentException for unknown flags or missing values. */
  public FlagSet parse(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      boolean known = defaults.containsKey(name);
      if (!known && !KLOG_FLAGS.contains(name)) {
        throw new IllegalArgumentException("unknown flag: --" + name);
      }
      boolean isBool = known ? booleans.contains(name) : KLOG_BOOLEANS.contains(name);
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (isBool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("flag needs an argument: --" + name);
      }
      if (known) {
        values.put(name, value);
      }
    }
    return this;
  }

  public String get(String name) {
    if (!defaults.containsKey(name)) {
      throw new IllegalArgumentException("undeclared flag " + name);
    }
    return values.getOrDefault(name, defaults.get(name));
  }

  public boolean isSet(String name) {
    return values.containsKey(name);
  }

  public boolean getBool(String name) {
    return Boolean.parseBoolean(get(name));
  }

  public int getInt(String name) {
    return Integer.parseInt(get(name).strip());
  }

  public Duration getDuration(String name) {
    return GoDuration.parse(get(name));
  }
}
