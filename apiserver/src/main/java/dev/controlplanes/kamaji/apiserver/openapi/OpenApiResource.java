package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One served resource, the input of {@link OpenApiDocuments}: its kind and schema, list kind,
 * plural, scope and subresources. The main resource always serves get, list, watch, create, update,
 * patch, delete and deletecollection.
 */
public record OpenApiResource(
    OpenApiKind kind,
    String listKind,
    String plural,
    boolean namespaced,
    List<OpenApiSubresource> subresources) {

  private static final Pattern PLURAL = Pattern.compile("[a-z][a-z0-9]*");

  public OpenApiResource {
    Objects.requireNonNull(kind, "kind");
    GroupVersionKind.requireNonEmpty(listKind, "listKind");
    Objects.requireNonNull(plural, "plural");
    if (!PLURAL.matcher(plural).matches()) {
      throw new IllegalArgumentException("plural must be lower-case letters/digits: " + plural);
    }
    subresources = List.copyOf(subresources);
    Set<String> names = new HashSet<>();
    for (OpenApiSubresource subresource : subresources) {
      if (!names.add(subresource.name())) {
        throw new IllegalArgumentException("duplicate subresource " + subresource.name());
      }
    }
  }

  /** A namespaced resource whose list kind is the kind followed by {@code List}. */
  public static OpenApiResource ofNamespaced(
      OpenApiKind kind, String plural, OpenApiSubresource... subresources) {
    return new OpenApiResource(
        kind, kind.gvk().kind() + "List", plural, true, List.of(subresources));
  }

  /** A cluster-scoped resource whose list kind is the kind followed by {@code List}. */
  public static OpenApiResource ofCluster(
      OpenApiKind kind, String plural, OpenApiSubresource... subresources) {
    return new OpenApiResource(
        kind, kind.gvk().kind() + "List", plural, false, List.of(subresources));
  }

  public GroupVersionKind gvk() {
    return kind.gvk();
  }

  public GroupVersionKind listGvk() {
    return kind.gvk().withKind(listKind);
  }
}
