package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/** Renders the version-neutral operations and the definitions as one OpenAPI document. */
interface DocumentRenderer {

  OpenApiDialect dialect();

  /** The {@code paths} object; fails on a path laid out twice. */
  JsonObject paths(List<ApiPath> paths);

  /** The whole document around rendered paths and complete definitions. */
  JsonObject document(JsonObject paths, Map<String, JsonObject> definitions);

  static DocumentRenderer of(OpenApiDialect dialect) {
    return dialect == OpenApiDialect.V3 ? new V3Renderer() : new V2Renderer();
  }

  static JsonObject info() {
    JsonObject info = new JsonObject();
    info.addProperty("title", "Kamaji");
    info.addProperty("version", "v0.1.0");
    return info;
  }

  static String reason(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 401 -> "Unauthorized";
      default -> throw new IllegalArgumentException("no reason for " + code);
    };
  }

  /** Adds a path item, refusing to replace one: two resources must not claim the same path. */
  static void addPath(JsonObject paths, String path, JsonObject item) {
    if (paths.has(path)) {
      throw new IllegalArgumentException("path served twice: " + path);
    }
    paths.add(path, item);
  }
}
