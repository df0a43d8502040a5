package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.Negotiator;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.ListPage;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.RequestedVersion;
import java.util.List;

/** GET of one object (also through the status subresource) and of collections. */
final class ReadHandler {

  /** Whether {@link #get} answers {@code request} with a pending etcd read, blocking nothing. */
  static boolean getsWithoutBlocking(ApiRequest request) {
    String rv = request.param("resourceVersion");
    if (rv != null && !rv.isEmpty()) {
      return false;
    }
    try {
      return Responses.isCompactJsonObject(
          request, Negotiator.negotiate(request.header("Accept"), false));
    } catch (StatusException e) {
      return false;
    }
  }

  ApiResponse get(ApiRequest request, ResourceEndpoint endpoint) {
    Output output = Negotiator.negotiate(request.header("Accept"), false);
    String rv = request.param("resourceVersion");
    String namespace = request.info().namespace();
    String name = request.info().name();
    boolean anyVersion = "0".equals(rv);
    if (!anyVersion && rv != null && !rv.isEmpty()) {
      endpoint.store().waitForRevision(RequestedVersion.parse(rv));
    }
    if (Responses.isCompactJsonObject(request, output)) {
      // The common case (every client library): the stored encoding is the answer.
      if (anyVersion) {
        return Responses.json(200, endpoint.store().getAnyVersionJson(namespace, name));
      }
      return new ApiResponse.Pending(
          endpoint
              .store()
              .getJsonAsync(namespace, name)
              .thenApply(json -> Responses.json(200, json)));
    }
    JsonObject object =
        anyVersion
            ? endpoint.store().getAnyVersion(namespace, name)
            : endpoint.store().get(namespace, name);
    return Responses.object(request, 200, object, output, endpoint.tables(), List.of());
  }

  ApiResponse list(ApiRequest request, ResourceEndpoint endpoint) {
    Output output = Negotiator.negotiate(request.header("Accept"), true);
    ListQuery query = Requests.listQuery(request, endpoint.store().type(), false);
    ListPage page = endpoint.store().list(query);
    return Responses.list(request, endpoint.store().type(), page, output, endpoint.tables());
  }
}
