package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Swagger 2.0: typed parameters, a body parameter, and consumes/produces lists per operation. */
final class V2Renderer implements DocumentRenderer {

  @Override
  public OpenApiDialect dialect() {
    return OpenApiDialect.V2;
  }

  @Override
  public JsonObject paths(List<ApiPath> paths) {
    JsonObject out = new JsonObject();
    for (ApiPath path : paths) {
      JsonObject item = new JsonObject();
      JsonArray shared = new JsonArray();
      path.parameters().forEach(parameter -> shared.add(parameter(parameter)));
      item.add("parameters", shared);
      for (ApiOperation operation : path.operations()) {
        item.add(operation.method(), operation(operation, path.tag()));
      }
      DocumentRenderer.addPath(out, path.path(), item);
    }
    return out;
  }

  @Override
  public JsonObject document(JsonObject paths, Map<String, JsonObject> definitions) {
    JsonObject json = new JsonObject();
    definitions.forEach(json::add);
    JsonObject document = new JsonObject();
    document.addProperty("swagger", "2.0");
    document.add("info", DocumentRenderer.info());
    document.add("paths", paths);
    document.add("definitions", json);
    return document;
  }

  private JsonObject operation(ApiOperation operation, String tag) {
    JsonObject out = new JsonObject();
    out.addProperty("description", operation.description());
    out.addProperty("operationId", operation.operationId());
    out.add("tags", strings(List.of(tag)));
    out.add("schemes", strings(List.of("https")));
    JsonArray parameters = new JsonArray();
    if (operation.requestBody() != null) {
      out.add("consumes", strings(operation.consumes()));
      JsonObject body = new JsonObject();
      body.addProperty("name", "body");
      body.addProperty("in", "body");
      body.addProperty("required", operation.requestBodyRequired());
      body.add("schema", dialect().ref(operation.requestBody()));
      parameters.add(body);
    }
    operation.parameters().forEach(parameter -> parameters.add(parameter(parameter)));
    if (!parameters.isEmpty()) {
      out.add("parameters", parameters);
    }
    out.add("produces", strings(operation.produces()));
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
              response.add("schema", dialect().ref(definition));
              responses.add(code.toString(), response);
            });
    JsonObject unauthorized = new JsonObject();
    unauthorized.addProperty("description", DocumentRenderer.reason(401));
    responses.add("401", unauthorized);
    return responses;
  }

  private static JsonObject parameter(Parameter parameter) {
    JsonObject json = new JsonObject();
    json.addProperty("name", parameter.name());
    json.addProperty("in", parameter.in().value());
    json.addProperty("description", parameter.description());
    if (parameter.in() == Parameter.In.PATH) {
      json.addProperty("required", true);
    }
    json.addProperty("type", parameter.type());
    return json;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }
}
