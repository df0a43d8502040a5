package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the structural schema of one of our kinds into its served definition, as kube does for a
 * CRD: private extensions removed, {@code apiVersion}, {@code kind} and an ObjectMeta reference
 * set, embedded resources completed, the GVK array added; for v2 also the conversions kube applies
 * for kubectl's client-side validation.
 */
final class KindSchemas {

  private static final String PRIVATE_EXTENSION_PREFIX = "x-kamaji-";
  private static final String PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";
  private static final String GVK_EXTENSION = "x-kubernetes-group-version-kind";

  static final String API_VERSION_DESCRIPTION =
      "The group and version of the schema this object follows, as group/version.";
  static final String KIND_DESCRIPTION =
      "The kind of this object, in CamelCase, as served by its group and version.";
  private static final String OBJECT_META_DESCRIPTION =
      "Standard object metadata: name, namespace, labels, annotations and server-set fields.";
  private static final String LIST_META_DESCRIPTION =
      "Standard list metadata: the resource version and the continue token.";

  private KindSchemas() {}

  static JsonObject kindDefinition(OpenApiKind kind, OpenApiDialect dialect) {
    JsonObject schema = kind.schema().toJson();
    SchemaNodes.visit(schema, KindSchemas::removePrivateExtensions);
    if (dialect == OpenApiDialect.V2 && SchemaNodes.isTrue(schema, PRESERVE_UNKNOWN)) {
      // As kube: anything more would make kubectl reject the unknown fields the schema allows.
      schema = new JsonObject();
      schema.addProperty("type", "object");
    } else {
      if (dialect == OpenApiDialect.V2) {
        SchemaNodes.visit(schema, V2Conversion::apply);
      } else {
        SchemaNodes.visit(schema, KindSchemas::unfoldIntOrString);
      }
      addTypeAndObjectMeta(schema, dialect);
      SchemaNodes.visit(schema, node -> completeEmbeddedResource(node, dialect));
    }
    JsonArray gvks = SchemaBuilder.gvkArray(List.of(kind.gvk()));
    schema.add(GVK_EXTENSION, gvks);
    return schema;
  }

  static JsonObject listDefinition(OpenApiResource resource, OpenApiDialect dialect) {
    JsonObject items = new JsonObject();
    items.addProperty("type", "array");
    items.add("items", dialect.ref(resource.kind().definitionName()));
    items.addProperty("description", "The " + resource.plural() + " in this list.");
    return SchemaBuilder.object(
            resource.listKind() + " is a list of " + resource.gvk().kind() + " objects.")
        .property("apiVersion", SchemaBuilder.string(API_VERSION_DESCRIPTION))
        .property("items", items)
        .property("kind", SchemaBuilder.string(KIND_DESCRIPTION))
        .property("metadata", dialect.ref(DefinitionNames.LIST_META, LIST_META_DESCRIPTION))
        .required("items")
        .extension(GVK_EXTENSION, SchemaBuilder.gvkArray(List.of(resource.listGvk())))
        .build();
  }

  private static void removePrivateExtensions(JsonObject node) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, JsonElement> entry : node.entrySet()) {
      if (entry.getKey().startsWith(PRIVATE_EXTENSION_PREFIX)) {
        keys.add(entry.getKey());
      }
    }
    keys.forEach(node::remove);
  }

  /** As kube's structural unfolding: an int-or-string node spells out its two types in anyOf. */
  private static void unfoldIntOrString(JsonObject node) {
    if (SchemaNodes.isTrue(node, "x-kubernetes-int-or-string") && !node.has("anyOf")) {
      JsonArray anyOf = new JsonArray();
      anyOf.add(typeOnly("integer"));
      anyOf.add(typeOnly("string"));
      node.add("anyOf", anyOf);
    }
  }

  private static void addTypeAndObjectMeta(JsonObject node, OpenApiDialect dialect) {
    if (!node.has("type")) {
      node.addProperty("type", "object");
    }
    if (!(node.get("properties") instanceof JsonObject)) {
      node.add("properties", new JsonObject());
    }
    JsonObject properties = node.getAsJsonObject("properties");
    properties.add("apiVersion", SchemaBuilder.string(API_VERSION_DESCRIPTION));
    properties.add("kind", SchemaBuilder.string(KIND_DESCRIPTION));
    properties.add("metadata", dialect.ref(DefinitionNames.OBJECT_META, OBJECT_META_DESCRIPTION));
  }

  /** An embedded object gets apiVersion, kind and metadata, the first two required. */
  private static void completeEmbeddedResource(JsonObject node, OpenApiDialect dialect) {
    if (!SchemaNodes.isTrue(node, "x-kubernetes-embedded-resource")) {
      return;
    }
    if (dialect == OpenApiDialect.V2 && SchemaNodes.isTrue(node, PRESERVE_UNKNOWN)) {
      return;
    }
    addTypeAndObjectMeta(node, dialect);
    JsonArray required = node.get("required") instanceof JsonArray array ? array : new JsonArray();
    for (String name : List.of("kind", "apiVersion")) {
      if (!required.contains(new JsonPrimitive(name))) {
        required.add(name);
      }
    }
    node.add("required", required);
  }

  private static JsonObject typeOnly(String type) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", type);
    return schema;
  }
}
