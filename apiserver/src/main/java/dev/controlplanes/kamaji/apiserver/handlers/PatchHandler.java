package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.patch.JsonPatch;
import dev.controlplanes.kamaji.api.patch.MergePatch;
import dev.controlplanes.kamaji.api.patch.PatchException;
import dev.controlplanes.kamaji.apiserver.AccessControl;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.MediaType;
import dev.controlplanes.kamaji.apiserver.negotiation.Negotiator;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.WriteOptions;
import dev.controlplanes.kamaji.apiserver.registry.WriteResult;
import java.util.function.UnaryOperator;

/**
 * PATCH with CRD semantics: JSON patch, merge patch and server-side apply. Strategic merge patch is
 * answered with 415, which is what makes kubectl and the garbage collector fall back to merge
 * patch.
 */
public final class PatchHandler {

  static final String ACCEPTED =
      "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

  /** Server-side apply, provided by the apply engine. */
  public interface ApplyEngine {
    /**
     * Applies the configuration; {@code beforeCreate} runs (and may throw) when the object does not
     * exist and is about to be created.
     */
    WriteResult apply(
        ResourceEndpoint endpoint,
        String namespace,
        String name,
        JsonObject applied,
        boolean force,
        WriteOptions options,
        Runnable beforeCreate);
  }

  private final ApplyEngine apply;
  private final AccessControl access;

  public PatchHandler(ApplyEngine apply, AccessControl access) {
    this.apply = apply;
    this.access = access;
  }

  ApiResponse patch(ApiRequest request, ResourceEndpoint endpoint) {
    ResourceType type = endpoint.store().type();
    Output output = Negotiator.negotiate(request.header("Accept"), false);
    String contentType = request.header("Content-Type");
    String patchType = contentType == null ? "" : MediaType.parse(contentType).essence();
    boolean isApply = patchType.equals("application/apply-patch+yaml");
    if (!isApply
        && !patchType.equals("application/json-patch+json")
        && !patchType.equals("application/merge-patch+json")) {
      throw Statuses.unsupportedMediaType(ACCEPTED);
    }
    if (!isApply && request.param("force") != null) {
      throw Statuses.invalidOption(
          "PatchOptions",
          "FieldValueForbidden",
          "Forbidden: may not be specified for non-apply patch",
          "force");
    }
    WriteOptions options =
        Requests.writeOptions(request, "PatchOptions", request.info().subresource());
    String namespace = request.info().namespace();
    String name = request.info().name();
    if (isApply) {
      if (request.param("fieldManager") == null || request.param("fieldManager").isEmpty()) {
        throw Statuses.invalidOption(
            "PatchOptions",
            "FieldValueRequired",
            "Required value: is required for apply patch",
            "fieldManager");
      }
      JsonObject applied = decodeApply(request, type, name);
      WriteResult result =
          apply.apply(
              endpoint,
              namespace,
              name,
              applied,
              "true".equals(request.param("force")),
              options,
              // An apply that creates is a create: the caller needs that permission too.
              () -> access.checkVerb(request, "create"));
      return Responses.object(
          request,
          result.created() ? 201 : 200,
          result.object(),
          output,
          endpoint.tables(),
          result.warnings());
    }
    JsonElement patch = parsePatch(request);
    boolean jsonPatch = patchType.equals("application/json-patch+json");
    if (jsonPatch && !patch.isJsonArray()) {
      throw Statuses.badRequest("the JSON patch must be an array of operations");
    }
    UnaryOperator<JsonObject> transform =
        current -> {
          JsonElement patched = applyPatch(current, patch, jsonPatch);
          if (!patched.isJsonObject()) {
            throw Statuses.invalidRequest("the patched document is not an object");
          }
          JsonObject object = patched.getAsJsonObject();
          Requests.checkKind(object, type);
          return object;
        };
    WriteResult result = endpoint.store().guaranteedUpdate(namespace, name, transform, options);
    return Responses.object(
        request, 200, result.object(), output, endpoint.tables(), result.warnings());
  }

  static JsonElement parsePatch(ApiRequest request) {
    try {
      return Codec.parseJson(request.body());
    } catch (RuntimeException e) {
      throw Statuses.badRequest("the patch could not be decoded as JSON: " + e.getMessage());
    }
  }

  static JsonElement applyPatch(JsonObject current, JsonElement patch, boolean jsonPatch) {
    try {
      return jsonPatch
          ? JsonPatch.apply(current, patch.getAsJsonArray())
          : MergePatch.apply(current, patch);
    } catch (PatchException e) {
      throw new StatusException(
          e.httpStatus(),
          switch (e.httpStatus()) {
            case 400 -> "BadRequest";
            case 413 -> "RequestEntityTooLarge";
            default -> "Invalid";
          },
          e.statusMessage(),
          null);
    }
  }

  private static JsonObject decodeApply(ApiRequest request, ResourceType type, String name) {
    JsonElement parsed;
    try {
      parsed = Codec.parseYaml(request.body());
    } catch (RuntimeException e) {
      throw Statuses.badRequest("error decoding YAML: " + e.getMessage());
    }
    if (!parsed.isJsonObject()) {
      throw Statuses.badRequest("the apply patch must be an object");
    }
    JsonObject applied = parsed.getAsJsonObject();
    String apiVersion = Requests.stringField(applied, "apiVersion");
    if (!apiVersion.equals(type.apiVersion())) {
      throw Statuses.badRequest(
          "Incorrect version specified in apply patch. Specified patch version: "
              + apiVersion
              + ", expected: "
              + type.apiVersion());
    }
    if (!Requests.stringField(applied, "kind").equals(type.kind())) {
      throw Statuses.badRequest(
          "Incorrect kind specified in apply patch. Specified patch kind: "
              + Requests.stringField(applied, "kind")
              + ", expected: "
              + type.kind());
    }
    JsonObject meta =
        applied.has("metadata") && applied.get("metadata").isJsonObject()
            ? applied.getAsJsonObject("metadata")
            : new JsonObject();
    if (meta.has("managedFields")) {
      throw Statuses.badRequest("metadata.managedFields must be nil");
    }
    String bodyName = Requests.stringField(meta, "name");
    if (bodyName.isEmpty()) {
      throw Statuses.badRequest("metadata.name is required in an apply patch");
    }
    ResourceRouter.checkName(applied, name);
    return applied;
  }
}
