package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a {@link FieldPath}: an object field, a keyed list item, a set item or an index.
 *
 * <p>Elements are ordered as structured-merge-diff orders them (fields, then keys, then values,
 * then indexes), which is also the order of the keys in an encoded {@code fieldsV1}.
 */
public sealed interface PathElement extends Comparable<PathElement> {

  /** An object field or map key: {@code f:name}, printed {@code .name}. */
  record Field(String name) implements PathElement {
    public Field {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A {@code x-kubernetes-list-type: map} item by its key fields (sorted by name): {@code
   * k:{"name":"a"}}, printed {@code [name="a"]}.
   */
  record Key(List<KeyField> fields) implements PathElement {
    public Key {
      List<KeyField> sorted = new ArrayList<>(fields);
      sorted.sort(Comparator.comparing(KeyField::name));
      fields = List.copyOf(sorted);
    }
  }

  /** A {@code x-kubernetes-list-type: set} item by value: {@code v:"x"}, printed {@code [="x"]}. */
  record Value(JsonElement value) implements PathElement {
    public Value {
      value = GoJson.canonical(Objects.requireNonNull(value, "value"));
    }
  }

  /** An atomic-list position: {@code i:0}, printed {@code [0]}. */
  record Index(int index) implements PathElement {}

  /** One key field of a {@link Key}; numbers are stored in canonical form. */
  record KeyField(String name, JsonElement value) {
    public KeyField {
      Objects.requireNonNull(name, "name");
      value = GoJson.canonical(Objects.requireNonNull(value, "value"));
    }
  }

  static PathElement field(String name) {
    return new Field(name);
  }

  static PathElement key(Map<String, JsonElement> keyFields) {
    List<KeyField> fields = new ArrayList<>();
    keyFields.forEach((k, v) -> fields.add(new KeyField(k, v)));
    return new Key(fields);
  }

  /** The {@code fieldsV1} key of this element ({@code f:}, {@code k:}, {@code v:}, {@code i:}). */
  default String serialize() {
    if (this instanceof Field f) {
      return "f:" + f.name();
    }
    if (this instanceof Key k) {
      JsonObject keys = new JsonObject();
      k.fields().forEach(kf -> keys.add(kf.name(), kf.value()));
      return "k:" + GoJson.write(keys);
    }
    if (this instanceof Value v) {
      return "v:" + GoJson.write(v.value());
    }
    return "i:" + ((Index) this).index();
  }

  /** Parses a {@code fieldsV1} key; returns null for an unknown prefix (ignored, as kube does). */
  static PathElement deserialize(String text) {
    if (text.length() < 2 || text.charAt(1) != ':') {
      throw new IllegalArgumentException("invalid fieldsV1 key \"" + text + "\"");
    }
    String body = text.substring(2);
    switch (text.charAt(0)) {
      case 'f':
        return new Field(body);
      case 'v':
        return new Value(GoJson.parseStrict(body));
      case 'k':
        JsonElement keys = GoJson.parseStrict(body);
        if (!keys.isJsonObject()) {
          throw new IllegalArgumentException("fieldsV1 key \"" + text + "\" is not an object");
        }
        return key(keys.getAsJsonObject().asMap());
      case 'i':
        try {
          return new Index(Integer.parseInt(body));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid fieldsV1 index \"" + text + "\"", e);
        }
      default:
        return null;
    }
  }

  /** kube's human form, as used in conflict messages: {@code .spec}, {@code [name="a"]}. */
  default String display() {
    if (this instanceof Field f) {
      return "." + f.name();
    }
    if (this instanceof Key k) {
      List<String> parts = new ArrayList<>();
      k.fields().forEach(kf -> parts.add(kf.name() + "=" + GoJson.display(kf.value())));
      return "[" + String.join(",", parts) + "]";
    }
    if (this instanceof Value v) {
      return "[=" + GoJson.display(v.value()) + "]";
    }
    return "[" + ((Index) this).index() + "]";
  }

  @Override
  default int compareTo(PathElement other) {
    int kind = Integer.compare(rank(this), rank(other));
    if (kind != 0) {
      return kind;
    }
    if (this instanceof Field a && other instanceof Field b) {
      return a.name().compareTo(b.name());
    }
    if (this instanceof Key a && other instanceof Key b) {
      return compareKeys(a.fields(), b.fields());
    }
    if (this instanceof Value a && other instanceof Value b) {
      return GoJson.compare(a.value(), b.value());
    }
    return Integer.compare(((Index) this).index(), ((Index) other).index());
  }

  private static int rank(PathElement e) {
    if (e instanceof Field) {
      return 0;
    }
    if (e instanceof Key) {
      return 1;
    }
    return e instanceof Value ? 2 : 3;
  }

  private static int compareKeys(List<KeyField> a, List<KeyField> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).name().compareTo(b.get(i).name());
      if (c == 0) {
        c = GoJson.compare(a.get(i).value(), b.get(i).value());
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
