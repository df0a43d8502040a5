package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.List;
import java.util.Map;

/** Collects the parts of an {@link ApiOperation} while {@link OperationPlanner} lays it out. */
final class OperationDraft {

  private final String method;
  private final String action;
  private final String operationId;
  private final List<Parameter> parameters;
  private GroupVersionKind gvk;
  private String description = "";
  private String requestBody;

  OperationDraft(
      String method,
      String action,
      String operationId,
      GroupVersionKind gvk,
      List<Parameter> parameters) {
    this.method = method;
    this.action = action;
    this.operationId = operationId;
    this.gvk = gvk;
    this.parameters = parameters;
  }

  OperationDraft describedAs(String text) {
    this.description = text;
    return this;
  }

  /** The kind of the objects this operation serves, when it is not the resource's own kind. */
  OperationDraft gvk(GroupVersionKind kind) {
    this.gvk = kind;
    return this;
  }

  OperationDraft body(String definition) {
    this.requestBody = definition;
    return this;
  }

  ApiOperation ok(String definition) {
    return responses(Map.of(200, definition));
  }

  ApiOperation responses(Map<Integer, String> responses) {
    return new ApiOperation(
        method, action, operationId, description, gvk, parameters, requestBody, responses);
  }
}
