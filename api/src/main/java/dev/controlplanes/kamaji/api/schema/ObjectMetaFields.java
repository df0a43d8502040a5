package dev.controlplanes.kamaji.api.schema;

import java.util.Set;

/** The fields of a Kubernetes {@code ObjectMeta}: all a top-level {@code metadata} may hold. */
public final class ObjectMetaFields {

  /** Every field of {@code metadata} that Kubernetes keeps; others are pruned. */
  public static final Set<String> ALL =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "labels",
          "annotations",
          "ownerReferences",
          "finalizers",
          "managedFields");

  private ObjectMetaFields() {}
}
