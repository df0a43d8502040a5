package dev.controlplanes.kamaji.konnectivity.leases;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The labels of {@code --lease-label} ({@code k8s-app=konnectivity-server} by default), read as
 * upstream reads them: comma-separated {@code key=value} pairs, surrounding spaces trimmed, an
 * empty flag or a pair without exactly one {@code =} refused. Servers put them on their Lease;
 * agents count the Leases that carry all of them.
 */
public record LeaseLabels(Map<String, String> values) {

  public LeaseLabels {
    values = Map.copyOf(values);
  }

  public static LeaseLabels parse(String flag) {
    if (flag.isEmpty()) {
      throw new IllegalArgumentException("--lease-label: empty string provided");
    }
    Map<String, String> values = new TreeMap<>();
    for (String pair : flag.split(",", -1)) {
      String[] keyValue = pair.split("=", -1);
      if (keyValue.length != 2) {
        throw new IllegalArgumentException("--lease-label: invalid label format: " + pair);
      }
      values.put(keyValue[0].strip(), keyValue[1].strip());
    }
    return new LeaseLabels(values);
  }

  /** The labels as a label selector, keys sorted (apimachinery's {@code FormatLabels}). */
  public String selector() {
    return new TreeMap<>(values)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  public boolean matches(Map<String, String> labels) {
    if (labels == null) {
      return values.isEmpty();
    }
    return values.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
