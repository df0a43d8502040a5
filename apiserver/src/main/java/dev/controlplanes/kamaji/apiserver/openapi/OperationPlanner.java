package dev.controlplanes.kamaji.apiserver.openapi;

import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource.AutoscalingScale;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource.CustomObject;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paths and operations of one resource, laid out as kube's API installer does for a served
 * resource (including the deprecated {@code /watch/} paths), with kube-style operation ids.
 */
final class OperationPlanner {

  private final OpenApiResource resource;
  private final String kind;
  private final String scope;
  private final String base;

  private OperationPlanner(OpenApiResource resource) {
    this.resource = resource;
    this.kind = resource.gvk().kind();
    this.scope = resource.namespaced() ? "Namespaced" : "";
    this.base = "/apis/" + resource.gvk().group() + "/" + resource.gvk().version();
  }

  static List<ApiPath> paths(OpenApiResource resource) {
    return new OperationPlanner(resource).paths();
  }

  private List<ApiPath> paths() {
    String namespace = resource.namespaced() ? "/namespaces/{namespace}" : "";
    String collection = base + namespace + "/" + resource.plural();
    String item = collection + "/{name}";
    List<ApiPath> paths = new ArrayList<>();
    if (resource.namespaced()) {
      paths.add(path(base + "/" + resource.plural(), allNamespacesList()));
      paths.add(path(base + "/watch/" + resource.plural(), allNamespacesWatch()));
    }
    paths.add(path(collection, list(), create(), deleteCollection()));
    paths.add(path(item, read(), replace(), patch(), delete()));
    paths.add(path(base + "/watch" + namespace + "/" + resource.plural(), watchList()));
    paths.add(path(base + "/watch" + namespace + "/" + resource.plural() + "/{name}", watch()));
    for (OpenApiSubresource subresource : resource.subresources()) {
      paths.add(subresourcePath(item + "/" + subresource.name(), subresource));
    }
    return paths;
  }

  private ApiOperation allNamespacesList() {
    return op("get", "list", "list", kind + "ForAllNamespaces", QueryParameters.LIST)
        .describedAs("List or watch " + kind + " objects across all namespaces.")
        .ok(listDefinition());
  }

  private ApiOperation allNamespacesWatch() {
    return op("get", "watchlist", "watch", kind + "ListForAllNamespaces", QueryParameters.LIST)
        .describedAs(deprecatedWatch(kind + " objects across all namespaces"))
        .ok(DefinitionNames.WATCH_EVENT);
  }

  private ApiOperation list() {
    return op("get", "list", "list", scope + kind, QueryParameters.LIST)
        .describedAs("List or watch " + kind + " objects" + inNamespace() + ".")
        .ok(listDefinition());
  }

  private ApiOperation create() {
    return op("post", "post", "create", scope + kind, QueryParameters.CREATE)
        .describedAs("Create " + article() + kind + ".")
        .body(definition())
        .responses(Map.of(200, definition(), 201, definition(), 202, definition()));
  }

  private ApiOperation deleteCollection() {
    return op(
            "delete",
            "deletecollection",
            "delete",
            "Collection" + scope + kind,
            QueryParameters.DELETE_COLLECTION)
        .describedAs("Delete a collection of " + kind + " objects" + inNamespace() + ".")
        .body(DefinitionNames.DELETE_OPTIONS)
        .ok(DefinitionNames.STATUS);
  }

  private ApiOperation read() {
    return op("get", "get", "read", scope + kind, QueryParameters.GET)
        .describedAs("Read the specified " + kind + ".")
        .ok(definition());
  }

  private ApiOperation replace() {
    return op("put", "put", "replace", scope + kind, QueryParameters.UPDATE)
        .describedAs("Replace the specified " + kind + ".")
        .body(definition())
        .responses(Map.of(200, definition(), 201, definition()));
  }

  private ApiOperation patch() {
    return op("patch", "patch", "patch", scope + kind, QueryParameters.PATCH)
        .describedAs("Partially update the specified " + kind + ".")
        .body(DefinitionNames.PATCH)
        .responses(Map.of(200, definition(), 201, definition()));
  }

  private ApiOperation delete() {
    return op("delete", "delete", "delete", scope + kind, QueryParameters.DELETE)
        .describedAs("Delete " + article() + kind + ".")
        .body(DefinitionNames.DELETE_OPTIONS)
        .responses(Map.of(200, DefinitionNames.STATUS, 202, DefinitionNames.STATUS));
  }

  private ApiOperation watchList() {
    return op("get", "watchlist", "watch", scope + kind + "List", QueryParameters.LIST)
        .describedAs(deprecatedWatch(kind + " objects" + inNamespace()))
        .ok(DefinitionNames.WATCH_EVENT);
  }

  private ApiOperation watch() {
    return op("get", "watch", "watch", scope + kind, QueryParameters.LIST)
        .describedAs(deprecatedWatch("the specified " + kind))
        .ok(DefinitionNames.WATCH_EVENT);
  }

  private ApiPath subresourcePath(String path, OpenApiSubresource subresource) {
    String name = subresource.name();
    String suffix = scope + kind + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    String payload = payloadDefinition(subresource);
    GroupVersionKind gvk = payloadGvk(subresource);
    String of = " the " + name + " of the specified " + kind + ".";
    List<ApiOperation> operations = new ArrayList<>();
    for (Verb verb : Verb.values()) {
      if (!subresource.verbs().contains(verb)) {
        continue;
      }
      operations.add(
          switch (verb) {
            case GET ->
                op("get", "get", "read", suffix, subresourceGetOptions(subresource))
                    .describedAs("Read" + of)
                    .gvk(gvk)
                    .ok(payload);
            case UPDATE ->
                op("put", "put", "replace", suffix, QueryParameters.UPDATE)
                    .describedAs("Replace" + of)
                    .gvk(gvk)
                    .body(payload)
                    .responses(Map.of(200, payload, 201, payload));
            case PATCH ->
                op("patch", "patch", "patch", suffix, QueryParameters.PATCH)
                    .describedAs("Partially update" + of)
                    .gvk(gvk)
                    .body(DefinitionNames.PATCH)
                    .responses(Map.of(200, payload, 201, payload));
          });
    }
    return path(path, operations.toArray(ApiOperation[]::new));
  }

  /** Reads of status and scale take GetOptions; a computed custom subresource takes none. */
  private static List<Parameter> subresourceGetOptions(OpenApiSubresource subresource) {
    return subresource.payload() instanceof CustomObject ? List.of() : QueryParameters.GET;
  }

  private String payloadDefinition(OpenApiSubresource subresource) {
    if (subresource.payload() instanceof CustomObject custom) {
      return custom.kind().definitionName();
    }
    return subresource.payload() instanceof AutoscalingScale ? DefinitionNames.SCALE : definition();
  }

  private GroupVersionKind payloadGvk(OpenApiSubresource subresource) {
    if (subresource.payload() instanceof CustomObject custom) {
      return custom.kind().gvk();
    }
    return subresource.payload() instanceof AutoscalingScale
        ? DefinitionNames.SCALE_GVK
        : resource.gvk();
  }

  private ApiPath path(String path, ApiOperation... operations) {
    List<Parameter> parameters = new ArrayList<>();
    if (path.contains("{name}")) {
      parameters.add(Parameter.path("name", "The name of the " + kind + "."));
    }
    if (path.contains("{namespace}")) {
      parameters.add(
          Parameter.path(
              "namespace", "The namespace of the object, also its authorization scope."));
    }
    parameters.add(QueryParameters.PRETTY);
    return new ApiPath(path, OperationIds.tag(resource.gvk()), parameters, List.of(operations));
  }

  private OperationDraft op(
      String method, String action, String verb, String rest, List<Parameter> parameters) {
    String operationId = verb + OperationIds.groupVersionPart(resource.gvk()) + rest;
    return new OperationDraft(method, action, operationId, resource.gvk(), parameters);
  }

  private String definition() {
    return resource.kind().definitionName();
  }

  private String listDefinition() {
    return OpenApiKind.definitionName(resource.listGvk());
  }

  private String inNamespace() {
    return resource.namespaced() ? " in the specified namespace" : "";
  }

  private String article() {
    return "AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
  }

  private static String deprecatedWatch(String what) {
    return "Watch changes to "
        + what
        + ". Deprecated: use the list operation with watch=true instead (with a metadata.name"
        + " field selector for a single object).";
  }
}
