package dev.controlplanes.kamaji.apiserver.openapi;

import dev.controlplanes.kamaji.api.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A kind served with a structural schema of the whole object. The served definition adds {@code
 * apiVersion}, {@code kind} and a {@code metadata} reference to ObjectMeta, as kube does for CRDs.
 */
public record OpenApiKind(GroupVersionKind gvk, Schema schema) {

  public OpenApiKind {
    Objects.requireNonNull(gvk, "gvk");
    Objects.requireNonNull(schema, "schema");
    if (gvk.group().isEmpty()) {
      throw new IllegalArgumentException("served kinds need a non-core group: " + gvk);
    }
  }

  public static OpenApiKind of(String group, String version, String kind, Schema schema) {
    return new OpenApiKind(new GroupVersionKind(group, version, kind), schema);
  }

  /**
   * The definition name kube gives a custom kind: the group's DNS labels reversed, then version and
   * kind ({@code io.clastix.kamaji.v1alpha1.TenantControlPlane}).
   */
  public String definitionName() {
    return definitionName(gvk);
  }

  static String definitionName(GroupVersionKind gvk) {
    List<String> labels = new ArrayList<>(List.of(gvk.group().split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels) + "." + gvk.version() + "." + gvk.kind();
  }
}
