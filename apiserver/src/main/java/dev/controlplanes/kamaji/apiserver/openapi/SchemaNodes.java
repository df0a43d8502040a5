package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Walks the schema nodes of an OpenAPI schema, leaving values such as defaults and enums alone. */
final class SchemaNodes {

  private static final List<String> JUNCTORS = List.of("allOf", "anyOf", "oneOf");

  private SchemaNodes() {}

  /**
   * Calls {@code visitor} on {@code node} and then on every schema below it. The visitor sees a
   * node before its children, so it may drop children it does not want visited.
   */
  static void visit(JsonObject node, Consumer<JsonObject> visitor) {
    visitor.accept(node);
    if (node.get("properties") instanceof JsonObject properties) {
      for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
        visitChild(property.getValue(), visitor);
      }
    }
    visitChild(node.get("additionalProperties"), visitor);
    visitChild(node.get("items"), visitor);
    visitChild(node.get("not"), visitor);
    for (String junctor : JUNCTORS) {
      if (node.get(junctor) != null && node.get(junctor).isJsonArray()) {
        node.getAsJsonArray(junctor).forEach(child -> visitChild(child, visitor));
      }
    }
  }

  static boolean isTrue(JsonObject node, String key) {
    JsonElement value = node.get(key);
    return value != null
        && value.isJsonPrimitive()
        && value.getAsJsonPrimitive().isBoolean()
        && value.getAsBoolean();
  }

  static boolean hasType(JsonObject node, String type) {
    JsonElement value = node.get("type");
    return value != null && value.isJsonPrimitive() && type.equals(value.getAsString());
  }

  private static void visitChild(JsonElement child, Consumer<JsonObject> visitor) {
    if (child instanceof JsonObject object) {
      visit(object, visitor);
    }
  }
}
