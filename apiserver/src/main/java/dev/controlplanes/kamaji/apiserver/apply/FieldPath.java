package dev.controlplanes.kamaji.apiserver.apply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path to a field inside an object, printed as kube prints it in conflict messages: {@code
 * .spec.kubernetes.version}, {@code .spec.addons[name="coredns"].image}, {@code
 * .metadata.finalizers[="x"]}.
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

  public FieldPath {
    elements = List.copyOf(elements);
  }

  /** A path of object fields only: {@code FieldPath.of("spec", "replicas")}. */
  public static FieldPath of(String... fields) {
    return new FieldPath(Arrays.stream(fields).map(PathElement::field).toList());
  }

  public static FieldPath of(PathElement... elements) {
    return new FieldPath(List.of(elements));
  }

  public FieldPath append(PathElement element) {
    List<PathElement> longer = new ArrayList<>(elements.size() + 1);
    longer.addAll(elements);
    longer.add(element);
    return new FieldPath(longer);
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  @Override
  public int compareTo(FieldPath other) {
    for (int i = 0; i < Math.min(elements.size(), other.elements.size()); i++) {
      int c = elements.get(i).compareTo(other.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.size(), other.elements.size());
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    elements.forEach(e -> out.append(e.display()));
    return out.toString();
  }
}
