package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.List;
import java.util.Map;

/**
 * One operation of the served API, independent of the OpenAPI version that renders it.
 *
 * @param method the lower-case HTTP method (get, put, post, patch, delete)
 * @param action the {@code x-kubernetes-action}
 * @param gvk the {@code x-kubernetes-group-version-kind} of the operation
 * @param parameters the query options of this operation, sorted by name
 * @param requestBody the definition the request body carries, or null when there is none
 * @param responses status code to the definition of the response body
 */
record ApiOperation(
    String method,
    String action,
    String operationId,
    String description,
    GroupVersionKind gvk,
    List<Parameter> parameters,
    String requestBody,
    Map<Integer, String> responses) {

  static final String PATCH = "patch";
  static final String DELETE = "delete";

  ApiOperation {
    parameters = List.copyOf(parameters);
    responses = Map.copyOf(responses);
  }

  /** Whether the body must be sent: delete options are optional, every other body is required. */
  boolean requestBodyRequired() {
    return !method.equals(DELETE);
  }

  /** Media types of the request body; patches list no strategic merge patch (answered 415). */
  List<String> consumes() {
    return method.equals(PATCH) ? MediaTypes.PATCH_TYPES : MediaTypes.OBJECT_TYPES;
  }

  /** Media types of the response body; lists and watches may also stream watch events. */
  List<String> produces() {
    return action.equals("list") || action.startsWith("watch")
        ? MediaTypes.STREAMING_TYPES
        : MediaTypes.OBJECT_TYPES;
  }
}
