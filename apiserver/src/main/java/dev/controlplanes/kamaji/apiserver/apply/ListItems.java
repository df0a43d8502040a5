package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the items of a set or map list are identified. */
final class ListItems {

  private ListItems() {}

  /**
   * The path element of one item of a granular list: its key fields (schema defaults filling
   * missing keys) for a map list, its value for a set.
   *
   * @throws ApplyException when the item cannot be identified
   */
  static PathElement elementOf(JsonElement item, TypeNode list, FieldPath listPath) {
    if (list.listType() == Schema.ListType.MAP) {
      return keyOf(item, list, listPath);
    }
    if (item.isJsonObject()) {
      throw ApplyException.structure(
          listPath, "associative list without keys has an element that's a map type");
    }
    if (item.isJsonArray()) {
      throw ApplyException.structure(
          listPath, "not supported: associative list with lists as elements");
    }
    if (item.isJsonNull()) {
      throw ApplyException.structure(
          listPath, "associative list without keys has an element that's an explicit null");
    }
    return new PathElement.Value(item);
  }

  private static PathElement keyOf(JsonElement item, TypeNode list, FieldPath listPath) {
    if (!item.isJsonObject()) {
      throw ApplyException.structure(
          listPath,
          item.isJsonNull()
              ? "associative list with keys may not have a null element"
              : "associative list with keys may not have non-map elements");
    }
    JsonObject object = item.getAsJsonObject();
    Map<String, JsonElement> keys = new LinkedHashMap<>();
    for (String name : list.keys()) {
      JsonElement value = object.has(name) ? object.get(name) : list.keyDefault(name);
      if (value != null) {
        keys.put(name, value);
      }
    }
    if (keys.isEmpty()) {
      throw ApplyException.structure(
          listPath,
          "associative list with keys has an element that omits all key fields "
              + list.keys()
              + " (and doesn't have default values for any key fields)");
    }
    return PathElement.key(keys);
  }
}
