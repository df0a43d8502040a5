package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiHandler;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.request.RequestInfo;
import java.util.Map;

/**
 * Routes resource requests under {@code /apis/<group>/<version>} to the verb handlers. Unknown
 * resources and paths are 404s; verbs a path does not serve are 405s.
 */
public final class ResourceRouter implements ApiHandler {

  private final String group;
  private final String version;
  private final Map<String, ResourceEndpoint> endpoints;
  private final Map<String, SubresourceHandler> customSubresources;
  private final ReadHandler reads = new ReadHandler();
  private final WriteHandler writes = new WriteHandler();
  private final DeleteHandler deletes = new DeleteHandler();
  private final WatchHandler watches;
  private final PatchHandler patches;
  private final ScaleHandler scales = new ScaleHandler();

  public ResourceRouter(
      String group,
      String version,
      Map<String, ResourceEndpoint> endpoints,
      Map<String, SubresourceHandler> customSubresources,
      WatchHandler watches,
      PatchHandler patches) {
    this.group = group;
    this.version = version;
    this.endpoints = Map.copyOf(endpoints);
    this.customSubresources = Map.copyOf(customSubresources);
    this.watches = watches;
    this.patches = patches;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    RequestInfo info = request.info();
    if (!info.apiGroup().equals(group) || !info.apiVersion().equals(version)) {
      throw Statuses.notFoundPath();
    }
    ResourceEndpoint endpoint = endpoints.get(info.resource());
    if (endpoint == null) {
      throw Statuses.notFoundPath();
    }
    ResourceType type = endpoint.store().type();
    boolean allNamespaces =
        info.namespace().isEmpty()
            && !info.hasName()
            && (info.verb().equals("list") || info.verb().equals("watch"));
    if (type.namespaced()
        ? info.namespace().isEmpty() && !allNamespaces
        : !info.namespace().isEmpty()) {
      throw Statuses.notFoundPath();
    }
    String subresource = info.subresource();
    if (!subresource.isEmpty() && !type.hasSubresource(subresource)) {
      throw Statuses.notFoundPath();
    }
    if (subresource.equals("scale")) {
      return scales.handle(request, endpoint, patches);
    }
    SubresourceHandler custom = customSubresources.get(info.resource() + "/" + subresource);
    if (custom != null) {
      return custom.handle(request, endpoint.store());
    }
    return switch (info.verb()) {
      case "get" -> reads.get(request, endpoint);
      case "list" -> reads.list(request, endpoint);
      case "watch" -> watches.watch(request, endpoint);
      case "create" -> {
        if (info.hasName()) {
          throw Statuses.methodNotAllowed("POST", type.qualified());
        }
        yield writes.create(request, endpoint);
      }
      case "update" -> requireName(info, type, "PUT", () -> writes.update(request, endpoint));
      case "patch" -> requireName(info, type, "PATCH", () -> patches.patch(request, endpoint));
      case "delete" -> {
        if (!subresource.isEmpty()) {
          throw Statuses.methodNotAllowed("DELETE", type.qualified());
        }
        yield deletes.delete(request, endpoint);
      }
      case "deletecollection" -> {
        if (!subresource.isEmpty()) {
          throw Statuses.methodNotAllowed("DELETE", type.qualified());
        }
        yield deletes.deleteCollection(request, endpoint);
      }
      default -> throw Statuses.methodNotAllowed(request.method(), type.qualified());
    };
  }

  /**
   * Whether {@link #handle} answers {@code request} without blocking: a GET of one object, as
   * compact JSON, without a resourceVersion to wait for. Its answer is then {@link
   * ApiResponse.Pending} on etcd's read.
   */
  public boolean answersWithoutBlocking(ApiRequest request) {
    RequestInfo info = request.info();
    return info.resourceRequest()
        && info.verb().equals("get")
        && info.hasName()
        && info.subresource().isEmpty()
        && ReadHandler.getsWithoutBlocking(request);
  }

  private static ApiResponse requireName(
      RequestInfo info,
      ResourceType type,
      String method,
      java.util.function.Supplier<ApiResponse> next) {
    if (!info.hasName()) {
      throw Statuses.methodNotAllowed(method, type.qualified());
    }
    return next.get();
  }

  /** Used by handlers to check the object in a body against the URL. */
  static void checkName(JsonObject object, String name) {
    String bodyName =
        object.has("metadata") && object.get("metadata").isJsonObject()
            ? Requests.stringField(object.getAsJsonObject("metadata"), "name")
            : "";
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw Statuses.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
  }
}
