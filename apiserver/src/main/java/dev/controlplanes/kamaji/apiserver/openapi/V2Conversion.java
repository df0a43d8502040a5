package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What kube changes in a CRD schema before publishing it in OpenAPI v2, node by node: v2 has no
 * junctors or nullable, kubectl's v2 validation cannot cope with untyped arrays or with objects
 * that keep unknown fields, and published v2 definitions carry no defaults.
 */
final class V2Conversion {

  private V2Conversion() {}

  /** Converts one node; children are converted afterwards by {@link SchemaNodes#visit}. */
  static void apply(JsonObject node) {
    for (String junctor : new String[] {"allOf", "anyOf", "oneOf", "not"}) {
      node.remove(junctor);
    }
    node.remove("default");
    boolean preserveUnknown = SchemaNodes.isTrue(node, "x-kubernetes-preserve-unknown-fields");
    if (SchemaNodes.isTrue(node, "nullable")) {
      node.remove("type");
      node.remove("nullable");
      node.remove("items");
      node.remove("properties");
    }
    if (preserveUnknown) {
      node.remove("items");
      node.remove("properties");
    }
    if (!node.has("items") && SchemaNodes.hasType(node, "array")) {
      node.remove("type");
    }
    if (preserveUnknown && SchemaNodes.hasType(node, "object")) {
      node.remove("type");
    }
    dropNullableFromRequired(node);
  }

  private static void dropNullableFromRequired(JsonObject node) {
    if (!(node.get("required") instanceof JsonArray required)) {
      return;
    }
    if (node.get("additionalProperties") instanceof JsonObject values
        && SchemaNodes.isTrue(values, "nullable")) {
      node.remove("required");
      return;
    }
    if (!(node.get("properties") instanceof JsonObject properties)) {
      return;
    }
    JsonArray kept = new JsonArray();
    for (JsonElement name : required) {
      JsonElement property = properties.get(name.getAsString());
      if (!(property instanceof JsonObject schema && SchemaNodes.isTrue(schema, "nullable"))) {
        kept.add(name);
      }
    }
    if (kept.isEmpty()) {
      node.remove("required");
    } else {
      node.add("required", kept);
    }
  }
}
