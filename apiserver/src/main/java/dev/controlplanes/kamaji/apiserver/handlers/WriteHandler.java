package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.Negotiator;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.WriteOptions;
import dev.controlplanes.kamaji.apiserver.registry.WriteResult;
import java.util.ArrayList;
import java.util.List;

/** POST (create) and PUT (update, also of the status subresource). */
final class WriteHandler {

  ApiResponse create(ApiRequest request, ResourceEndpoint endpoint) {
    ResourceType type = endpoint.store().type();
    Output output = Negotiator.negotiate(request.header("Accept"), false);
    WriteOptions options = Requests.writeOptions(request, "CreateOptions", "");
    JsonObject object = Requests.decodeObject(request, type);
    List<String> duplicates = Requests.duplicateFieldWarnings(request, type, options);
    Requests.checkNamespace(object, type, request.info().namespace());
    WriteResult result = endpoint.store().create(request.info().namespace(), object, options);
    return Responses.object(
        request, 201, result.object(), output, endpoint.tables(), warnings(duplicates, result));
  }

  ApiResponse update(ApiRequest request, ResourceEndpoint endpoint) {
    ResourceType type = endpoint.store().type();
    Output output = Negotiator.negotiate(request.header("Accept"), false);
    WriteOptions options =
        Requests.writeOptions(request, "UpdateOptions", request.info().subresource());
    JsonObject object = Requests.decodeObject(request, type);
    List<String> duplicates = Requests.duplicateFieldWarnings(request, type, options);
    Requests.checkNamespace(object, type, request.info().namespace());
    ResourceRouter.checkName(object, request.info().name());
    WriteResult result =
        endpoint.store().update(request.info().namespace(), request.info().name(), object, options);
    return Responses.object(
        request, 200, result.object(), output, endpoint.tables(), warnings(duplicates, result));
  }

  private static List<String> warnings(List<String> first, WriteResult result) {
    if (first.isEmpty()) {
      return result.warnings();
    }
    List<String> all = new ArrayList<>(first);
    all.addAll(result.warnings());
    return all;
  }
}
