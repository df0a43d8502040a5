package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource.CustomObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The served OpenAPI documents, built once from the served resources and immutable afterwards: the
 * v2 document of every resource, one v3 document per group version, and the v3 index listing
 * exactly those group versions. The same resources always give byte-identical documents.
 */
public final class OpenApiDocuments {

  private final OpenApiDocument v2;
  private final OpenApiDocument v3Index;
  private final SortedMap<GroupVersion, OpenApiDocument> v3;

  private OpenApiDocuments(
      OpenApiDocument v2, OpenApiDocument v3Index, SortedMap<GroupVersion, OpenApiDocument> v3) {
    this.v2 = v2;
    this.v3Index = v3Index;
    this.v3 = Collections.unmodifiableSortedMap(v3);
  }

  /**
   * Builds every document.
   *
   * @throws IllegalArgumentException when no resource is given, or two resources claim the same
   *     path or definition name with different content
   */
  public static OpenApiDocuments build(List<OpenApiResource> resources) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("no resources to document");
    }
    Map<GroupVersion, List<OpenApiResource>> byGroupVersion = new TreeMap<>();
    for (OpenApiResource resource : resources) {
      byGroupVersion
          .computeIfAbsent(resource.gvk().toGroupVersion(), gv -> new ArrayList<>())
          .add(resource);
    }
    SortedMap<GroupVersion, OpenApiDocument> v3 = new TreeMap<>();
    byGroupVersion.forEach(
        (gv, served) -> v3.put(gv, encode(render(served, OpenApiDialect.V3, Set.of(gv)))));
    OpenApiDocument v2 = encode(render(resources, OpenApiDialect.V2, byGroupVersion.keySet()));
    return new OpenApiDocuments(v2, encode(index(v3)), v3);
  }

  /** The Swagger 2.0 document served at {@code /openapi/v2}. */
  public OpenApiDocument v2() {
    return v2;
  }

  /** The index served at {@code /openapi/v3}: each group version and its hashed document URL. */
  public OpenApiDocument v3Index() {
    return v3Index;
  }

  /** The OpenAPI 3.0 document of one group version, if it is served. */
  public Optional<OpenApiDocument> v3GroupVersion(GroupVersion groupVersion) {
    return Optional.ofNullable(v3.get(groupVersion));
  }

  /** The served group versions, sorted. */
  public Set<GroupVersion> groupVersions() {
    return Collections.unmodifiableSet(new TreeSet<>(v3.keySet()));
  }

  private static JsonObject render(
      List<OpenApiResource> resources, OpenApiDialect dialect, Set<GroupVersion> groupVersions) {
    DocumentRenderer renderer = DocumentRenderer.of(dialect);
    List<ApiPath> paths = new ArrayList<>();
    Map<String, JsonObject> own = new TreeMap<>();
    for (OpenApiResource resource : resources) {
      paths.addAll(OperationPlanner.paths(resource));
      putOnce(
          own,
          resource.kind().definitionName(),
          KindSchemas.kindDefinition(resource.kind(), dialect));
      putOnce(
          own,
          OpenApiKind.definitionName(resource.listGvk()),
          KindSchemas.listDefinition(resource, dialect));
      for (OpenApiSubresource subresource : resource.subresources()) {
        if (subresource.payload() instanceof CustomObject custom) {
          putOnce(
              own,
              custom.kind().definitionName(),
              KindSchemas.kindDefinition(custom.kind(), dialect));
        }
      }
    }
    Map<String, JsonObject> library = new HashMap<>();
    MetaDefinitions.addTo(library, dialect);
    OperationDefinitions.addTo(library, dialect, groupVersions);
    JsonObject renderedPaths = renderer.paths(paths);
    return renderer.document(
        renderedPaths, Definitions.resolve(renderedPaths, own, library, dialect));
  }

  /** A kind used by several resources (e.g. a shared subresource kind) must be the same kind. */
  private static void putOnce(Map<String, JsonObject> definitions, String name, JsonObject schema) {
    JsonObject existing = definitions.putIfAbsent(name, schema);
    if (existing != null && !existing.equals(schema)) {
      throw new IllegalArgumentException("two different definitions named " + name);
    }
  }

  private static JsonObject index(SortedMap<GroupVersion, OpenApiDocument> v3) {
    JsonObject paths = new JsonObject();
    v3.forEach(
        (gv, document) -> {
          JsonObject entry = new JsonObject();
          entry.addProperty("serverRelativeURL", gv.documentPath() + "?hash=" + document.hash());
          paths.add(gv.indexKey(), entry);
        });
    JsonObject index = new JsonObject();
    index.add("paths", paths);
    return index;
  }

  private static OpenApiDocument encode(JsonObject document) {
    return new OpenApiDocument(CanonicalJson.encode(document));
  }
}
