package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The two served OpenAPI versions differ in where definitions live and how a ref is described. */
enum OpenApiDialect {
  V2("#/definitions/"),
  V3("#/components/schemas/");

  private final String refPrefix;

  OpenApiDialect(String refPrefix) {
    this.refPrefix = refPrefix;
  }

  String refPrefix() {
    return refPrefix;
  }

  /** A bare reference to a definition. */
  JsonObject ref(String definitionName) {
    JsonObject ref = new JsonObject();
    ref.addProperty("$ref", refPrefix + definitionName);
    return ref;
  }

  /**
   * A described reference. OpenAPI 3.0 ignores siblings of {@code $ref}, so v3 wraps the reference
   * in a one-element {@code allOf} as kube does (kubectl explain follows both forms); v2 keeps the
   * description next to {@code $ref} as kube's v2 documents do.
   */
  JsonObject ref(String definitionName, String description) {
    JsonObject schema;
    if (this == V3) {
      schema = new JsonObject();
      JsonArray allOf = new JsonArray();
      allOf.add(ref(definitionName));
      schema.add("allOf", allOf);
    } else {
      schema = ref(definitionName);
    }
    schema.addProperty("description", description);
    return schema;
  }

  /** The definition name a reference of this dialect points to, or null for other references. */
  String definitionNameOf(String ref) {
    return ref.startsWith(refPrefix) ? ref.substring(refPrefix.length()) : null;
  }
}
