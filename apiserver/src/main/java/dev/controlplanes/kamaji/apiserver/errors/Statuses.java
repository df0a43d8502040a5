package dev.controlplanes.kamaji.apiserver.errors;

import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Details;
import java.util.List;

/**
 * Named constructors for every API error the server returns, with Kubernetes' exact messages.
 *
 * <p>{@code resource} is the qualified resource as kube prints it, e.g. {@code
 * tenantcontrolplanes.kamaji.clastix.io}; {@code details.kind} holds the plural for most reasons
 * and the Kind for Invalid, as kube-apiserver does.
 */
public final class Statuses {

  private Statuses() {}

  public static StatusException badRequest(String message) {
    return new StatusException(400, "BadRequest", message, null);
  }

  public static StatusException unauthorized() {
    return new StatusException(401, "Unauthorized", "Unauthorized", null);
  }

  public static StatusException forbidden(String message, QualifiedResource resource, String name) {
    return new StatusException(403, "Forbidden", message, details(resource, name));
  }

  public static StatusException notFound(QualifiedResource resource, String name) {
    return new StatusException(
        404, "NotFound", resource + " \"" + name + "\" not found", details(resource, name));
  }

  /** 404 for a path the server does not serve. */
  public static StatusException notFoundPath() {
    return new StatusException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  public static StatusException methodNotAllowed(String verb, QualifiedResource resource) {
    return new StatusException(
        405,
        "MethodNotAllowed",
        verb + " is not supported on resources of kind \"" + resource + "\"",
        null);
  }

  public static StatusException notAcceptable(String accepted) {
    return new StatusException(
        406, "NotAcceptable", "only the following media types are accepted: " + accepted, null);
  }

  public static StatusException alreadyExists(QualifiedResource resource, String name) {
    return new StatusException(
        409,
        "AlreadyExists",
        resource + " \"" + name + "\" already exists",
        details(resource, name));
  }

  public static StatusException conflict(QualifiedResource resource, String name, String why) {
    return new StatusException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
        details(resource, name));
  }

  /** 409 with a free-form message and causes (server-side apply conflicts). */
  public static StatusException conflictWithCauses(
      String message, QualifiedResource resource, String name, List<Cause> causes) {
    return new StatusException(
        409,
        "Conflict",
        message,
        new Details(name, resource.group(), resource.resource(), null, causes, null));
  }

  public static final String MODIFIED =
      "the object has been modified; please apply your changes to the latest version and try again";

  public static StatusException expired(String message) {
    return new StatusException(410, "Expired", message, null);
  }

  public static StatusException tooLarge(long limit) {
    return new StatusException(
        413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
  }

  public static StatusException unsupportedMediaType(String accepted) {
    return new StatusException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + accepted,
        null);
  }

  /** 422 with one cause per field error; {@code kind} is the Kind, e.g. TenantControlPlane. */
  public static StatusException invalid(
      String kind, String group, String name, List<Cause> causes) {
    StringBuilder message = new StringBuilder();
    message
        .append(kind)
        .append('.')
        .append(group)
        .append(" \"")
        .append(name)
        .append("\" is invalid: ");
    if (causes.size() == 1) {
      message.append(render(causes.get(0)));
    } else {
      message.append('[');
      for (int i = 0; i < causes.size(); i++) {
        message.append(i == 0 ? "" : ", ").append(render(causes.get(i)));
      }
      message.append(']');
    }
    return new StatusException(
        422, "Invalid", message.toString(), new Details(name, group, kind, null, causes, null));
  }

  /**
   * 422 for one bad request option, e.g. {@code ListOptions.meta.k8s.io "" is invalid: dryRun:
   * ...}.
   *
   * @param optionsKind ListOptions, CreateOptions, UpdateOptions, PatchOptions or DeleteOptions
   */
  public static StatusException invalidOption(
      String optionsKind, String reason, String message, String field) {
    return invalid(optionsKind, "meta.k8s.io", "", List.of(new Cause(reason, message, field)));
  }

  /** 422 without field causes (e.g. a JSON patch operation that cannot be applied). */
  public static StatusException invalidRequest(String message) {
    return new StatusException(422, "Invalid", message, null);
  }

  public static StatusException internal(String message) {
    return new StatusException(
        500,
        "InternalError",
        "Internal error occurred: " + message,
        new Details(null, null, null, null, List.of(new Cause(null, message, null)), null));
  }

  public static StatusException serverTimeout(QualifiedResource resource, String operation) {
    return new StatusException(
        500,
        "ServerTimeout",
        "The "
            + operation
            + " operation against "
            + resource
            + " could not be completed at this time, please try again.",
        new Details(null, resource.group(), resource.resource(), null, List.of(), 2));
  }

  public static StatusException serviceUnavailable(String message) {
    return new StatusException(503, "ServiceUnavailable", message, null);
  }

  public static StatusException tooLargeResourceVersion(long requested, long current) {
    return new StatusException(
        504,
        "Timeout",
        "Timeout: Too large resource version: " + requested + ", current: " + current,
        new Details(
            null,
            null,
            null,
            null,
            List.of(new Cause("ResourceVersionTooLarge", "Too large resource version", null)),
            1));
  }

  private static String render(Cause cause) {
    return cause.field() == null || cause.field().isEmpty()
        ? cause.message()
        : cause.field() + ": " + cause.message();
  }

  private static Details details(QualifiedResource resource, String name) {
    return resource == null
        ? Details.NONE
        : new Details(name, resource.group(), resource.resource(), null, List.of(), null);
  }
}
