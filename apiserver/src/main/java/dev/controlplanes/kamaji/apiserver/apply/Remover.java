package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Removes a set of fields from an object, as structured-merge-diff's {@code RemoveItems}: a member
 * path disappears with everything below it, and paths below an element are removed recursively.
 * Unlike structured-merge-diff, a map or list emptied this way is dropped rather than left as
 * {@code null} (kube's CRD handling prunes those nulls later anyway), unless the caller needs
 * structured-merge-diff's field set of the result ({@link #removeKeepingEmptied}).
 */
final class Remover {

  private final boolean keepEmptied;

  private Remover(boolean keepEmptied) {
    this.keepEmptied = keepEmptied;
  }

  static JsonObject remove(JsonObject object, FieldSet toRemove, TypeNode root) {
    return new Remover(false).run(object, toRemove, root);
  }

  /**
   * Like {@link #remove}, but a map member emptied by the removal stays as JSON {@code null}, as
   * structured-merge-diff leaves it, so that its path is still part of the result's field set.
   */
  static JsonObject removeKeepingEmptied(JsonObject object, FieldSet toRemove, TypeNode root) {
    return new Remover(true).run(object, toRemove, root);
  }

  private JsonObject run(JsonObject object, FieldSet toRemove, TypeNode root) {
    if (toRemove.isEmpty()) {
      return object.deepCopy();
    }
    JsonElement out = walk(object, toRemove, root, new FieldPath(List.of()));
    return out != null && out.isJsonObject() ? out.getAsJsonObject() : new JsonObject();
  }

  /** Returns what is left of {@code value}, or Java null when nothing is. */
  private JsonElement walk(JsonElement value, FieldSet toRemove, TypeNode node, FieldPath path) {
    TypeNode.Kind kind = node.kindOf(value);
    if (kind == TypeNode.Kind.SCALAR) {
      return value.deepCopy();
    }
    if (node.atomic(kind) || TypeNode.isEmpty(value, kind)) {
      return null;
    }
    if (kind == TypeNode.Kind.MAP) {
      return removeFromMap(value.getAsJsonObject(), toRemove, node, path);
    }
    return removeFromList(value.getAsJsonArray(), toRemove, node, path);
  }

  private JsonElement removeFromMap(
      JsonObject map, FieldSet toRemove, TypeNode node, FieldPath path) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, JsonElement> e : map.entrySet()) {
      PathElement pe = PathElement.field(e.getKey());
      if (toRemove.members().contains(pe)) {
        continue;
      }
      FieldSet below = toRemove.withPrefix(pe);
      JsonElement kept =
          below.isEmpty()
              ? e.getValue().deepCopy()
              : walk(e.getValue(), below, node.field(e.getKey()), path.append(pe));
      if (kept != null) {
        out.add(e.getKey(), kept);
      } else if (keepEmptied) {
        out.add(e.getKey(), JsonNull.INSTANCE);
      }
    }
    return out.isEmpty() ? null : out;
  }

  private JsonElement removeFromList(
      JsonArray list, FieldSet toRemove, TypeNode node, FieldPath path) {
    JsonArray out = new JsonArray();
    for (JsonElement item : list) {
      PathElement pe = ListItems.elementOf(item, node, path);
      if (toRemove.members().contains(pe)) {
        continue;
      }
      FieldSet below = toRemove.withPrefix(pe);
      JsonElement kept =
          below.isEmpty() ? item.deepCopy() : walk(item, below, node.items(), path.append(pe));
      if (kept != null) {
        out.add(kept);
      }
    }
    return out.isEmpty() ? null : out;
  }
}
