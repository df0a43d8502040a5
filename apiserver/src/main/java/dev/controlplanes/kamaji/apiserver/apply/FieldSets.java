package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Computes the field set of an object, as structured-merge-diff's {@code ToFieldSet}. */
final class FieldSets {

  private final FieldSet.Builder out = new FieldSet.Builder();
  private final boolean strict;

  private FieldSets(boolean strict) {
    this.strict = strict;
  }

  /**
   * The field set of {@code value}. With {@code strict}, duplicate items in a granular list are an
   * error (as for applied configurations); otherwise a duplicated item is recorded once, as an
   * opaque member (as for update tracking).
   */
  static FieldSet of(JsonElement value, TypeNode node, boolean strict) {
    FieldSets walker = new FieldSets(strict);
    walker.walk(new FieldPath(List.of()), value, node);
    return walker.out.build();
  }

  private void walk(FieldPath path, JsonElement value, TypeNode node) {
    TypeNode.Kind kind = node.kindOf(value);
    if (node.atomic(kind)) {
      if (!path.isEmpty()) {
        out.insert(path);
      }
      return;
    }
    if (value == null || value.isJsonNull()) {
      return;
    }
    if (kind == TypeNode.Kind.LIST) {
      walkList(path, value.getAsJsonArray(), node);
    } else {
      walkMap(path, value.getAsJsonObject(), node);
    }
  }

  private void walkList(FieldPath path, JsonArray list, TypeNode node) {
    TypeNode items = node.items();
    List<PathElement> elements = new ArrayList<>(list.size());
    TreeSet<PathElement> seen = new TreeSet<>();
    TreeSet<PathElement> duplicates = new TreeSet<>();
    for (JsonElement item : list) {
      PathElement pe = ListItems.elementOf(item, node, path);
      elements.add(pe);
      if (!seen.add(pe)) {
        if (strict) {
          throw ApplyException.structure(path, "duplicate entries for key " + pe.display());
        }
        duplicates.add(pe);
      }
    }
    for (int i = 0; i < list.size(); i++) {
      PathElement pe = elements.get(i);
      FieldPath itemPath = path.append(pe);
      if (!duplicates.contains(pe)) {
        walk(itemPath, list.get(i), items);
      }
      out.insert(itemPath);
    }
  }

  private void walkMap(FieldPath path, JsonObject map, TypeNode node) {
    for (Map.Entry<String, JsonElement> e : map.entrySet()) {
      String key = e.getKey();
      JsonElement child = e.getValue();
      FieldPath childPath = path.append(PathElement.field(key));
      walk(childPath, child, node.field(key));
      boolean emptyMap = child.isJsonObject() && child.getAsJsonObject().isEmpty();
      if (child.isJsonNull() || emptyMap || !node.isNamedField(key)) {
        out.insert(childPath);
      }
    }
  }
}
