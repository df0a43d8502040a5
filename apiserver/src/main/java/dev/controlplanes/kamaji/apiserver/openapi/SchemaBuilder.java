package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collection;

/** A small builder for the hand-written definitions; keys are sorted when a document is encoded. */
final class SchemaBuilder {

  private final JsonObject json = new JsonObject();
  private final JsonObject properties = new JsonObject();
  private final JsonArray required = new JsonArray();

  private SchemaBuilder(String type, String description) {
    json.addProperty("description", description);
    json.addProperty("type", type);
  }

  static SchemaBuilder object(String description) {
    return new SchemaBuilder("object", description);
  }

  SchemaBuilder property(String name, JsonObject schema) {
    properties.add(name, schema);
    return this;
  }

  SchemaBuilder required(String... names) {
    for (String name : names) {
      required.add(name);
    }
    return this;
  }

  SchemaBuilder extension(String name, JsonElement value) {
    json.add(name, value);
    return this;
  }

  SchemaBuilder extension(String name, String value) {
    json.addProperty(name, value);
    return this;
  }

  JsonObject build() {
    JsonObject copy = json.deepCopy();
    if (!properties.isEmpty()) {
      copy.add("properties", properties.deepCopy());
    }
    if (!required.isEmpty()) {
      copy.add("required", required.deepCopy());
    }
    return copy;
  }

  static JsonObject string(String description) {
    return typed("string", description);
  }

  static JsonObject integer(String format, String description) {
    JsonObject schema = typed("integer", description);
    schema.addProperty("format", format);
    return schema;
  }

  static JsonObject bool(String description) {
    return typed("boolean", description);
  }

  static JsonObject stringMap(String description) {
    JsonObject schema = typed("object", description);
    schema.add("additionalProperties", typed("string", null));
    return schema;
  }

  /** An array; {@code listType} is the {@code x-kubernetes-list-type}, or null. */
  static JsonObject array(JsonObject items, String listType, String description) {
    JsonObject schema = typed("array", description);
    schema.add("items", items);
    if (listType != null) {
      schema.addProperty("x-kubernetes-list-type", listType);
    }
    return schema;
  }

  /** The {@code x-kubernetes-group-version-kind} array of a definition. */
  static JsonArray gvkArray(Collection<GroupVersionKind> gvks) {
    JsonArray array = new JsonArray();
    gvks.stream()
        .sorted(
            java.util.Comparator.comparing(GroupVersionKind::group)
                .thenComparing(GroupVersionKind::version)
                .thenComparing(GroupVersionKind::kind))
        .forEach(gvk -> array.add(gvkObject(gvk)));
    return array;
  }

  /** The {@code x-kubernetes-group-version-kind} object of an operation. */
  static JsonObject gvkObject(GroupVersionKind gvk) {
    JsonObject object = new JsonObject();
    object.addProperty("group", gvk.group());
    object.addProperty("kind", gvk.kind());
    object.addProperty("version", gvk.version());
    return object;
  }

  private static JsonObject typed(String type, String description) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", type);
    if (description != null) {
      schema.addProperty("description", description);
    }
    return schema;
  }
}
