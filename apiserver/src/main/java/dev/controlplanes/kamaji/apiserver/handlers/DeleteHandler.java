package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.Negotiator;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.DeleteOptions;
import dev.controlplanes.kamaji.apiserver.registry.DeleteResult;
import dev.controlplanes.kamaji.apiserver.registry.ListPage;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import java.util.List;

/** DELETE of one object and of a collection, with CRD semantics. */
final class DeleteHandler {

  ApiResponse delete(ApiRequest request, ResourceEndpoint endpoint) {
    ResourceType type = endpoint.store().type();
    Output output = Negotiator.negotiate(request.header("Accept"), false);
    DeleteOptions options = deleteOptions(request);
    DeleteResult result =
        endpoint.store().delete(request.info().namespace(), request.info().name(), options);
    if (!result.removed()) {
      return Responses.object(request, 200, result.object(), output, endpoint.tables(), List.of());
    }
    JsonObject status = new JsonObject();
    status.addProperty("kind", "Status");
    status.addProperty("apiVersion", "v1");
    status.add("metadata", new JsonObject());
    status.addProperty("status", "Success");
    JsonObject details = new JsonObject();
    details.addProperty("name", request.info().name());
    details.addProperty("group", type.group());
    details.addProperty("kind", type.plural());
    details.addProperty("uid", Meta.uid(result.object()));
    status.add("details", details);
    return Responses.render(request, 200, status, Output.JSON, List.of());
  }

  ApiResponse deleteCollection(ApiRequest request, ResourceEndpoint endpoint) {
    Output output = Negotiator.negotiate(request.header("Accept"), true);
    DeleteOptions options = deleteOptions(request);
    ListQuery query = Requests.listQuery(request, endpoint.store().type(), false);
    List<JsonObject> deleted = endpoint.store().deleteCollection(query, options);
    ListPage page = new ListPage(deleted, endpoint.store().backend().currentRevision(), null, null);
    return Responses.list(request, endpoint.store().type(), page, output, endpoint.tables());
  }

  /** DeleteOptions from a JSON body, or from query parameters when there is no body. */
  static DeleteOptions deleteOptions(ApiRequest request) {
    String uid = request.param("preconditions.uid");
    String rv = request.param("preconditions.resourceVersion");
    String policy = request.param("propagationPolicy");
    String orphan = request.param("orphanDependents");
    boolean dryRun = request.query().containsKey("dryRun");
    List<String> dryRunValues = request.query().getOrDefault("dryRun", List.of());
    if (request.body().length > 0) {
      JsonElement parsed;
      try {
        parsed = Codec.parseJson(request.body());
      } catch (RuntimeException e) {
        throw Statuses.badRequest("the DeleteOptions in the request body could not be decoded");
      }
      if (!parsed.isJsonObject()) {
        throw Statuses.badRequest("the DeleteOptions in the request body must be an object");
      }
      JsonObject body = parsed.getAsJsonObject();
      String apiVersion = Requests.stringField(body, "apiVersion");
      if (!apiVersion.isEmpty()
          && !List.of("v1", "meta.k8s.io/v1", "kamaji.clastix.io/v1alpha1").contains(apiVersion)) {
        throw Statuses.badRequest("unsupported DeleteOptions apiVersion " + apiVersion);
      }
      policy =
          body.has("propagationPolicy") && !body.get("propagationPolicy").isJsonNull()
              ? body.get("propagationPolicy").getAsString()
              : null;
      orphan =
          body.has("orphanDependents") && !body.get("orphanDependents").isJsonNull()
              ? body.get("orphanDependents").getAsString()
              : null;
      if (body.has("preconditions") && body.get("preconditions").isJsonObject()) {
        JsonObject p = body.getAsJsonObject("preconditions");
        uid = p.has("uid") && !p.get("uid").isJsonNull() ? p.get("uid").getAsString() : null;
        rv =
            p.has("resourceVersion") && !p.get("resourceVersion").isJsonNull()
                ? p.get("resourceVersion").getAsString()
                : null;
      }
      if (body.has("dryRun") && body.get("dryRun").isJsonArray()) {
        JsonArray values = body.getAsJsonArray("dryRun");
        dryRunValues = new java.util.ArrayList<>();
        for (JsonElement v : values) {
          dryRunValues.add(v.getAsString());
        }
        dryRun = !dryRunValues.isEmpty();
      }
    }
    for (String value : dryRunValues) {
      if (!value.equals("All")) {
        throw invalid(
            "FieldValueNotSupported",
            "Unsupported value: [\"" + value + "\"]: supported values: \"All\"",
            "dryRun");
      }
    }
    if (policy != null && orphan != null) {
      throw invalid(
          "FieldValueInvalid",
          "Invalid value: \""
              + policy
              + "\": orphanDependents and deletionPropagation cannot be both set",
          "propagationPolicy");
    }
    if (policy != null && !List.of("Foreground", "Background", "Orphan").contains(policy)) {
      throw invalid(
          "FieldValueNotSupported",
          "Unsupported value: \""
              + policy
              + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
          "propagationPolicy");
    }
    if (orphan != null) {
      policy = orphan.equals("true") ? "Orphan" : "Background";
    }
    return new DeleteOptions(uid, rv, policy, dryRun);
  }

  private static RuntimeException invalid(String reason, String message, String field) {
    return Statuses.invalidOption("DeleteOptions", reason, message, field);
  }
}
