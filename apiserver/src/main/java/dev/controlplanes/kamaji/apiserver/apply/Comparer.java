package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two objects field by field, as structured-merge-diff's {@code TypedValue.Compare}:
 * atomic values are leaves (added, removed or modified as a whole); granular maps and lists are
 * walked, the node itself reported only when it appears or disappears. Duplicated items of a
 * granular list are compared as a block.
 */
final class Comparer {

  private final FieldSet.Builder added = new FieldSet.Builder();
  private final FieldSet.Builder modified = new FieldSet.Builder();
  private final FieldSet.Builder removed = new FieldSet.Builder();

  private Comparer() {}

  /** Compares {@code lhs} (before) with {@code rhs} (after); both are whole objects. */
  static Comparison compare(JsonElement lhs, JsonElement rhs, TypeNode root) {
    Comparer c = new Comparer();
    c.walk(new FieldPath(List.of()), lhs, rhs, root);
    return new Comparison(c.added.build(), c.modified.build(), c.removed.build());
  }

  /** {@code lhs}/{@code rhs} are Java null when absent, JsonNull when explicitly null. */
  private void walk(FieldPath path, JsonElement lhs, JsonElement rhs, TypeNode node) {
    TypeNode.Kind kind = node.kindOf(lhs, rhs);
    boolean leaf =
        kind == null
            || node.atomic(kind)
            || (TypeNode.isEmpty(lhs, kind) && TypeNode.isEmpty(rhs, kind));
    if (leaf) {
      leaf(path, lhs, rhs);
      return;
    }
    if (kind == TypeNode.Kind.MAP) {
      walkMap(path, object(lhs), object(rhs), node);
    } else {
      walkList(path, array(lhs), array(rhs), node);
    }
    if (lhs == null) {
      added.insert(path);
    } else if (rhs == null) {
      removed.insert(path);
    }
  }

  private void leaf(FieldPath path, JsonElement lhs, JsonElement rhs) {
    if (lhs == null) {
      added.insert(path);
    } else if (rhs == null) {
      removed.insert(path);
    } else if (!lhs.equals(rhs)) {
      modified.insert(path);
    }
  }

  private void walkMap(FieldPath path, JsonObject lhs, JsonObject rhs, TypeNode node) {
    LinkedHashSet<String> keys = new LinkedHashSet<>(lhs.keySet());
    keys.addAll(rhs.keySet());
    for (String key : keys) {
      walk(path.append(PathElement.field(key)), lhs.get(key), rhs.get(key), node.field(key));
    }
  }

  private void walkList(FieldPath path, JsonArray lhs, JsonArray rhs, TypeNode node) {
    Map<PathElement, List<JsonElement>> left = index(lhs, node, path);
    Map<PathElement, List<JsonElement>> right = index(rhs, node, path);
    LinkedHashSet<PathElement> all = new LinkedHashSet<>(left.keySet());
    all.addAll(right.keySet());
    TypeNode items = node.items();
    for (PathElement pe : all) {
      List<JsonElement> l = left.getOrDefault(pe, List.of());
      List<JsonElement> r = right.getOrDefault(pe, List.of());
      FieldPath itemPath = path.append(pe);
      if (l.size() <= 1 && r.size() <= 1) {
        walk(itemPath, l.isEmpty() ? null : l.get(0), r.isEmpty() ? null : r.get(0), items);
      } else if (l.size() >= 2 && r.size() >= 2) {
        if (!l.equals(r)) {
          modified.insert(itemPath);
        }
      } else if (l.size() >= 2) {
        if (!r.isEmpty()) {
          walk(itemPath, null, r.get(0), items);
        }
        removed.insert(itemPath);
      } else {
        if (!l.isEmpty()) {
          walk(itemPath, l.get(0), null, items);
        }
        added.insert(itemPath);
      }
    }
  }

  /** Items by path element, in first-seen order; duplicates collected together. */
  private static Map<PathElement, List<JsonElement>> index(
      JsonArray list, TypeNode node, FieldPath path) {
    Map<PathElement, List<JsonElement>> byElement = new TreeMap<>();
    List<PathElement> order = new ArrayList<>();
    for (JsonElement item : list) {
      PathElement pe = ListItems.elementOf(item, node, path);
      byElement
          .computeIfAbsent(
              pe,
              k -> {
                order.add(k);
                return new ArrayList<>();
              })
          .add(item);
    }
    Map<PathElement, List<JsonElement>> ordered = new LinkedHashMap<>();
    order.forEach(pe -> ordered.put(pe, byElement.get(pe)));
    return ordered;
  }

  private static JsonObject object(JsonElement value) {
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  private static JsonArray array(JsonElement value) {
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
  }
}
