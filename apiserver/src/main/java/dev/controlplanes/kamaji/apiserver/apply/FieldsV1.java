package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The {@code fieldsV1} wire format of a {@link FieldSet}: a JSON trie whose keys are serialized
 * {@link PathElement}s; {@code {}} marks a member, {@code ".": {}} marks an element that is both a
 * member and has children. Keys with an unknown prefix are dropped, as kube does.
 */
final class FieldsV1 {

  private static final String SELF = ".";

  private FieldsV1() {}

  static JsonObject encode(FieldSet set) {
    JsonObject out = new JsonObject();
    NavigableSet<PathElement> members = set.members();
    NavigableMap<PathElement, FieldSet> children = set.children();
    TreeSet<PathElement> all = new TreeSet<>(members);
    all.addAll(children.keySet());
    for (PathElement pe : all) {
      FieldSet sub = children.get(pe);
      if (sub == null) {
        out.add(pe.serialize(), new JsonObject());
        continue;
      }
      JsonObject encoded = new JsonObject();
      if (members.contains(pe)) {
        encoded.add(SELF, new JsonObject());
      }
      encode(sub).entrySet().forEach(e -> encoded.add(e.getKey(), e.getValue()));
      out.add(pe.serialize(), encoded);
    }
    return out;
  }

  static FieldSet decode(JsonElement fieldsV1) {
    if (fieldsV1 == null || fieldsV1.isJsonNull()) {
      return FieldSet.EMPTY;
    }
    FieldSet.Builder builder = new FieldSet.Builder();
    read(object(fieldsV1), new FieldPath(List.of()), builder);
    return builder.build();
  }

  /** Reads one level; returns true when the level has no path elements (so it is a member). */
  private static boolean read(JsonObject level, FieldPath prefix, FieldSet.Builder builder) {
    boolean hasChildren = false;
    for (Map.Entry<String, JsonElement> e : level.entrySet()) {
      if (SELF.equals(e.getKey())) {
        if (!prefix.isEmpty()) {
          builder.insert(prefix);
        }
        continue;
      }
      PathElement pe = PathElement.deserialize(e.getKey());
      if (pe == null) {
        continue;
      }
      hasChildren = true;
      FieldPath path = prefix.append(pe);
      if (read(object(e.getValue()), path, builder)) {
        builder.insert(path);
      }
    }
    return !hasChildren;
  }

  private static JsonObject object(JsonElement value) {
    if (!value.isJsonObject()) {
      throw new IllegalArgumentException("fieldsV1 values must be objects, got " + value);
    }
    return value.getAsJsonObject();
  }
}
