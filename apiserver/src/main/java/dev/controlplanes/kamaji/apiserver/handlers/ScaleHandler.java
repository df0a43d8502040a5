package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.MediaType;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import dev.controlplanes.kamaji.apiserver.registry.WriteOptions;
import dev.controlplanes.kamaji.apiserver.registry.WriteResult;
import dev.controlplanes.kamaji.apiserver.table.JsonPaths;
import java.util.List;

/**
 * The {@code scale} subresource as an {@code autoscaling/v1 Scale}, mapped onto the TCP's {@code
 * spec.controlPlane.deployment.replicas} as Kamaji's CRD declares, so that {@code kubectl scale},
 * HPA and KEDA work.
 */
final class ScaleHandler {

  private static final String SPEC_REPLICAS = ".spec.controlPlane.deployment.replicas";
  private static final String STATUS_REPLICAS = ".status.kubernetesResources.deployment.replicas";
  private static final String SELECTOR = ".status.kubernetesResources.deployment.selector";

  ApiResponse handle(ApiRequest request, ResourceEndpoint endpoint, PatchHandler patches) {
    String ns = request.info().namespace();
    String name = request.info().name();
    return switch (request.info().verb()) {
      case "get" -> render(request, endpoint.store().get(ns, name), List.of());
      case "update" -> {
        JsonObject scale = decodeScale(request);
        WriteResult result = update(request, endpoint, scale);
        yield render(request, result.object(), result.warnings());
      }
      case "patch" -> {
        String contentType = request.header("Content-Type");
        String type = contentType == null ? "" : MediaType.parse(contentType).essence();
        boolean jsonPatch = type.equals("application/json-patch+json");
        if (!jsonPatch && !type.equals("application/merge-patch+json")) {
          throw Statuses.unsupportedMediaType(
              "application/json-patch+json, application/merge-patch+json");
        }
        JsonElement patch = PatchHandler.parsePatch(request);
        WriteOptions options = Requests.writeOptions(request, "PatchOptions", "scale");
        WriteResult result =
            endpoint
                .store()
                .guaranteedUpdate(
                    ns,
                    name,
                    current -> {
                      JsonElement patched =
                          PatchHandler.applyPatch(toScale(current), patch, jsonPatch);
                      return withReplicas(current, patched.getAsJsonObject());
                    },
                    mainResource(options));
        yield render(request, result.object(), result.warnings());
      }
      default ->
          throw Statuses.methodNotAllowed(request.method(), endpoint.store().type().qualified());
    };
  }

  private static WriteResult update(
      ApiRequest request, ResourceEndpoint endpoint, JsonObject scale) {
    WriteOptions options = Requests.writeOptions(request, "UpdateOptions", "scale");
    return endpoint
        .store()
        .guaranteedUpdate(
            request.info().namespace(),
            request.info().name(),
            current -> withReplicas(current, scale),
            mainResource(options));
  }

  /**
   * Scale writes change the spec through the main resource's rules (generation bump); as in kube,
   * their managedFields entry is the parent's, marked with the subresource {@code scale}.
   */
  private static WriteOptions mainResource(WriteOptions options) {
    return new WriteOptions(options.dryRun(), options.fieldManager(), "Ignore", "scale");
  }

  private static JsonObject decodeScale(ApiRequest request) {
    JsonObject scale;
    try {
      scale =
          dev.controlplanes.kamaji.apiserver.codec.Codec.parseJson(request.body())
              .getAsJsonObject();
    } catch (RuntimeException e) {
      throw Statuses.badRequest("the body could not be decoded as a Scale");
    }
    if (!"autoscaling/v1".equals(Requests.stringField(scale, "apiVersion"))
        || !"Scale".equals(Requests.stringField(scale, "kind"))) {
      throw Statuses.badRequest("the body must be an autoscaling/v1 Scale");
    }
    return scale;
  }

  private static JsonObject withReplicas(JsonObject current, JsonObject scale) {
    JsonElement replicas = JsonPaths.read(scale, ".spec.replicas");
    if (replicas == null
        || !replicas.isJsonPrimitive()
        || !replicas.getAsJsonPrimitive().isNumber()
        || replicas.getAsLong() < 0) {
      throw Statuses.invalid(
          "Scale",
          "autoscaling",
          Meta.name(current),
          List.of(
              new dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause(
                  "FieldValueInvalid",
                  "Invalid value: must be greater than or equal to 0",
                  "spec.replicas")));
    }
    JsonObject updated = current.deepCopy();
    JsonObject node = updated;
    for (String part : List.of("spec", "controlPlane", "deployment")) {
      if (!node.has(part) || !node.get(part).isJsonObject()) {
        node.add(part, new JsonObject());
      }
      node = node.getAsJsonObject(part);
    }
    node.addProperty("replicas", replicas.getAsLong());
    String rv = Meta.resourceVersion(scale);
    Meta.metadata(updated)
        .addProperty("resourceVersion", rv.isEmpty() ? Meta.resourceVersion(current) : rv);
    return updated;
  }

  private static JsonObject toScale(JsonObject object) {
    JsonObject scale = new JsonObject();
    scale.addProperty("kind", "Scale");
    scale.addProperty("apiVersion", "autoscaling/v1");
    JsonObject meta = new JsonObject();
    for (String field :
        List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      String value = Meta.string(object, field);
      if (!value.isEmpty()) {
        meta.addProperty(field, value);
      }
    }
    scale.add("metadata", meta);
    JsonObject spec = new JsonObject();
    JsonElement replicas = JsonPaths.read(object, SPEC_REPLICAS);
    spec.addProperty(
        "replicas", replicas == null || replicas.isJsonNull() ? 0 : replicas.getAsLong());
    scale.add("spec", spec);
    JsonObject status = new JsonObject();
    JsonElement current = JsonPaths.read(object, STATUS_REPLICAS);
    status.addProperty(
        "replicas", current == null || current.isJsonNull() ? 0 : current.getAsLong());
    JsonElement selector = JsonPaths.read(object, SELECTOR);
    if (selector != null && !selector.isJsonNull()) {
      status.addProperty("selector", selector.getAsString());
    }
    scale.add("status", status);
    return scale;
  }

  private static ApiResponse render(ApiRequest request, JsonObject object, List<String> warnings) {
    return Responses.render(request, 200, toScale(object), Output.JSON, warnings);
  }
}
