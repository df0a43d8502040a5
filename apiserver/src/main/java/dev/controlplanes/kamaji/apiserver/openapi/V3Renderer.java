package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** OpenAPI 3.0: inline parameter schemas, request bodies and response content per media type. */
final class V3Renderer implements DocumentRenderer {

  @Override
  public OpenApiDialect dialect() {
    return OpenApiDialect.V3;
  }

  @Override
  public JsonObject paths(List<ApiPath> paths) {
    JsonObject out = new JsonObject();
    for (ApiPath path : paths) {
      JsonObject item = new JsonObject();
      item.add("parameters", parameters(path.parameters()));
      for (ApiOperation operation : path.operations()) {
        item.add(operation.method(), operation(operation, path.tag()));
      }
      DocumentRenderer.addPath(out, path.path(), item);
    }
    return out;
  }

  @Override
  public JsonObject document(JsonObject paths, Map<String, JsonObject> definitions) {
    JsonObject schemas = new JsonObject();
    definitions.forEach(schemas::add);
    JsonObject components = new JsonObject();
    components.add("schemas", schemas);
    JsonObject document = new JsonObject();
    document.addProperty("openapi", "3.0.0");
    document.add("info", DocumentRenderer.info());
    document.add("paths", paths);
    document.add("components", components);
    return document;
  }

  private JsonObject operation(ApiOperation operation, String tag) {
    JsonObject out = new JsonObject();
    out.addProperty("description", operation.description());
    out.addProperty("operationId", operation.operationId());
    JsonArray tags = new JsonArray();
    tags.add(tag);
    out.add("tags", tags);
    if (!operation.parameters().isEmpty()) {
      out.add("parameters", parameters(operation.parameters()));
    }
    if (operation.requestBody() != null) {
      JsonObject body = new JsonObject();
      body.add("content", content(operation.consumes(), operation.requestBody()));
      if (operation.requestBodyRequired()) {
        body.addProperty("required", true);
      }
      out.add("requestBody", body);
    }
    out.add("responses", responses(operation));
    out.addProperty("x-kubernetes-action", operation.action());
    out.add("x-kubernetes-group-version-kind", SchemaBuilder.gvkObject(operation.gvk()));
    return out;
  }

  private JsonObject responses(ApiOperation operation) {
    JsonObject responses = new JsonObject();
    new TreeMap<>(operation.responses())
        .forEach(
            (code, definition) -> {
              JsonObject response = new JsonObject();
              response.addProperty("description", DocumentRenderer.reason(code));
              response.add("content", content(operation.produces(), definition));
              responses.add(code.toString(), response);
            });
    JsonObject unauthorized = new JsonObject();
    unauthorized.addProperty("description", DocumentRenderer.reason(401));
    responses.add("401", unauthorized);
    return responses;
  }

  private JsonObject content(List<String> mediaTypes, String definition) {
    JsonObject content = new JsonObject();
    for (String mediaType : mediaTypes) {
      JsonObject entry = new JsonObject();
      entry.add("schema", dialect().ref(definition));
      content.add(mediaType, entry);
    }
    return content;
  }

  private static JsonArray parameters(List<Parameter> parameters) {
    JsonArray out = new JsonArray();
    for (Parameter parameter : parameters) {
      JsonObject json = new JsonObject();
      json.addProperty("name", parameter.name());
      json.addProperty("in", parameter.in().value());
      json.addProperty("description", parameter.description());
      if (parameter.in() == Parameter.In.PATH) {
        json.addProperty("required", true);
      }
      JsonObject schema = new JsonObject();
      schema.addProperty("type", parameter.type());
      json.add("schema", schema);
      out.add(json);
    }
    return out;
  }
}
