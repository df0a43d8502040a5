package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges an applied configuration into the live object, as structured-merge-diff's {@code
 * TypedValue.Merge}: scalars, atomic lists and atomic maps take the configuration's value; granular
 * maps merge key by key; map lists merge by key and sets by value, keeping the live order and
 * placing new items where the configuration's order puts them.
 */
final class Merger {

  private Merger() {}

  /** The merged object; neither input is modified. */
  static JsonObject merge(JsonObject live, JsonObject config, TypeNode root) {
    JsonElement merged = walk(new FieldPath(List.of()), live, config, root);
    return merged != null && merged.isJsonObject() ? merged.getAsJsonObject() : new JsonObject();
  }

  /** Returns the merged value, or Java null when nothing remains. */
  private static JsonElement walk(FieldPath path, JsonElement lhs, JsonElement rhs, TypeNode node) {
    TypeNode.Kind kind = node.kindOf(lhs, rhs);
    if (kind == null
        || node.atomic(kind)
        || (TypeNode.isEmpty(lhs, kind) && TypeNode.isEmpty(rhs, kind))) {
      JsonElement kept = rhs != null ? rhs : lhs;
      return kept == null ? null : kept.deepCopy();
    }
    return kind == TypeNode.Kind.MAP
        ? mergeMap(path, object(lhs), object(rhs), node)
        : mergeList(path, array(lhs), array(rhs), node);
  }

  private static JsonElement mergeMap(
      FieldPath path, JsonObject lhs, JsonObject rhs, TypeNode node) {
    LinkedHashSet<String> keys = new LinkedHashSet<>(lhs.keySet());
    keys.addAll(rhs.keySet());
    JsonObject out = new JsonObject();
    for (String key : keys) {
      JsonElement child =
          walk(path.append(PathElement.field(key)), lhs.get(key), rhs.get(key), node.field(key));
      if (child != null) {
        out.add(key, child);
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** structured-merge-diff's list merge, step for step, to produce the same item order. */
  private static JsonElement mergeList(
      FieldPath path, JsonArray lhs, JsonArray rhs, TypeNode node) {
    Indexed right = Indexed.of(rhs, node, path, false);
    Indexed left = Indexed.of(lhs, node, path, true);
    List<PathElement> shared = new ArrayList<>();
    for (PathElement pe : right.order) {
      if (left.items.containsKey(pe)) {
        shared.add(pe);
      }
    }
    int nextSharedIndex = 0;
    PathElement nextShared = shared.isEmpty() ? null : shared.get(nextSharedIndex++);
    Set<PathElement> mergedRight = new HashSet<>();
    JsonArray out = new JsonArray();
    TypeNode items = node.items();
    int li = 0;
    int ri = 0;
    while (li < left.order.size() || ri < right.order.size()) {
      if (li < left.order.size() && ri < right.order.size()) {
        PathElement pe = left.order.get(li);
        if (pe.equals(right.order.get(ri))) {
          mergedRight.add(pe);
          add(out, walk(path.append(pe), left.items.get(pe), right.items.get(pe), items));
          li++;
          ri++;
          nextShared = nextSharedIndex < shared.size() ? shared.get(nextSharedIndex++) : null;
          continue;
        }
        if (right.items.containsKey(pe) && nextShared != null && !nextShared.equals(pe)) {
          li++;
          continue;
        }
      }
      if (li < left.order.size()) {
        PathElement pe = left.order.get(li);
        if (!right.items.containsKey(pe)) {
          add(out, walk(path.append(pe), lhs.get(li), null, items));
          li++;
          continue;
        } else if (mergedRight.contains(pe)) {
          li++;
        }
      }
      if (ri < right.order.size()) {
        PathElement pe = right.order.get(ri);
        mergedRight.add(pe);
        add(out, walk(path.append(pe), left.items.get(pe), right.items.get(pe), items));
        ri++;
        if (nextShared != null && nextShared.equals(pe)) {
          nextShared = nextSharedIndex < shared.size() ? shared.get(nextSharedIndex++) : null;
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static void add(JsonArray out, JsonElement item) {
    if (item != null) {
      out.add(item);
    }
  }

  /**
   * The items of a list by path element, and the element of every position. A duplicated element
   * maps to JSON null (its items cannot be told apart); duplicates are an error unless allowed.
   */
  private record Indexed(List<PathElement> order, Map<PathElement, JsonElement> items) {
    static Indexed of(JsonArray list, TypeNode node, FieldPath path, boolean allowDuplicates) {
      List<PathElement> order = new ArrayList<>(list.size());
      Map<PathElement, JsonElement> items = new TreeMap<>();
      for (JsonElement item : list) {
        PathElement pe = ListItems.elementOf(item, node, path);
        if (items.containsKey(pe)) {
          if (!allowDuplicates) {
            throw ApplyException.structure(path, "duplicate entries for key " + pe.display());
          }
          items.put(pe, JsonNull.INSTANCE);
        } else {
          items.put(pe, item);
        }
        order.add(pe);
      }
      return new Indexed(order, items);
    }
  }

  private static JsonObject object(JsonElement value) {
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  private static JsonArray array(JsonElement value) {
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
  }
}
