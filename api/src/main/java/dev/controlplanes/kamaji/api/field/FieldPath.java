package dev.controlplanes.kamaji.api.field;

import java.util.Objects;

/**
 * An immutable path to a field inside an object, rendered the way Kubernetes renders field paths in
 * validation errors: {@code spec.networkProfile.certSANs[0]}, {@code metadata.labels[app]}.
 *
 * <p>Paths are built from a root name with {@link #root(String)} and extended with {@link
 * #child(String)} for object fields, {@link #index(int)} for list items and {@link #key(String)}
 * for map entries. Each call returns a new path; a path never changes.
 */
public final class FieldPath {

  private final FieldPath parent;
  private final String segment;
  private final String rendered;

  private FieldPath(FieldPath parent, String segment, String rendered) {
    this.parent = parent;
    this.segment = segment;
    this.rendered = rendered;
  }

  /** A path starting at the field {@code name} of the top-level object, such as {@code spec}. */
  public static FieldPath root(String name) {
    Objects.requireNonNull(name, "name");
    return new FieldPath(null, name, name);
  }

  /** Parses a dotted path such as {@code spec.networkProfile}; no index or key segments. */
  public static FieldPath of(String dotted) {
    Objects.requireNonNull(dotted, "dotted");
    String[] names = dotted.split("\\.", -1);
    FieldPath path = root(names[0]);
    for (int i = 1; i < names.length; i++) {
      path = path.child(names[i]);
    }
    return path;
  }

  /** The path of the object field {@code name} below this one. */
  public FieldPath child(String name) {
    Objects.requireNonNull(name, "name");
    return new FieldPath(this, name, rendered + "." + name);
  }

  /** The path of the list item at {@code index} below this one. */
  public FieldPath index(int index) {
    String segment = "[" + index + "]";
    return new FieldPath(this, segment, rendered + segment);
  }

  /** The path of the map entry {@code key} below this one. */
  public FieldPath key(String key) {
    Objects.requireNonNull(key, "key");
    String segment = "[" + key + "]";
    return new FieldPath(this, segment, rendered + segment);
  }

  /** The enclosing path, or null for a root path. */
  public FieldPath parent() {
    return parent;
  }

  /** The last segment: a field name, or an index or key in brackets. */
  public String lastSegment() {
    return segment;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldPath that && rendered.equals(that.rendered);
  }

  @Override
  public int hashCode() {
    return rendered.hashCode();
  }

  @Override
  public String toString() {
    return rendered;
  }
}
