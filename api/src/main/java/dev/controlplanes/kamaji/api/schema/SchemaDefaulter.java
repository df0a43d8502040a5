package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@code default}s of a structural schema, the way the apiextensions server defaults
 * custom resources.
 *
 * <ul>
 *   <li>A default applies when its field is absent from an object that is itself present: a missing
 *       parent object is not created (unless it has a default of its own).
 *   <li>Defaulting runs top-down, so the fields of a freshly defaulted object get their own
 *       defaults too; list items and map values are defaulted with the item schema.
 *   <li>A {@code null} in a field that is not {@code nullable} is replaced by the field's default,
 *       or removed when there is none.
 * </ul>
 *
 * The caller decides when to default: on decoding request bodies and on reading from storage.
 */
public final class SchemaDefaulter {

  private SchemaDefaulter() {}

  /** Defaults {@code object} in place against {@code schema}, the schema of the whole object. */
  public static void apply(JsonObject object, Schema schema) {
    defaultValue(object, schema);
  }

  private static void defaultValue(JsonElement value, Schema schema) {
    if (value instanceof JsonObject object) {
      defaultObject(object, schema);
    } else if (value instanceof JsonArray array && schema.items() != null) {
      array.forEach(item -> defaultValue(item, schema.items()));
    }
  }

  private static void defaultObject(JsonObject object, Schema schema) {
    for (Map.Entry<String, Schema> property : schema.propertiesWithDefaults().entrySet()) {
      if (!object.has(property.getKey())) {
        object.add(property.getKey(), property.getValue().defaultValue());
      }
    }
    List<String> nulls = null;
    for (Map.Entry<String, JsonElement> field : object.entrySet()) {
      Schema child = schema.field(field.getKey());
      if (child == null) {
        continue;
      }
      if (field.getValue().isJsonNull()) {
        if (!child.nullable()) {
          nulls = nulls == null ? new ArrayList<>() : nulls;
          nulls.add(field.getKey());
        }
      } else {
        defaultValue(field.getValue(), child);
      }
    }
    if (nulls != null) {
      for (String name : nulls) {
        Schema child = schema.field(name);
        replaceNull(object, name, child);
        if (object.has(name)) {
          defaultValue(object.get(name), child);
        }
      }
    }
  }

  private static void replaceNull(JsonObject object, String name, Schema schema) {
    JsonElement fallback = schema.defaultValue();
    if (fallback != null) {
      object.add(name, fallback);
    } else {
      object.remove(name);
    }
  }
}
