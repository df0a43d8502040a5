package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import java.util.List;
import java.util.Map;

/** Metadata shared by every managed object: namespace, labels and the controller reference. */
public final class Owners {

  private Owners() {}

  /** The controller reference to the TCP, so garbage collection removes what it owns. */
  public static V1OwnerReference controllerReference(TenantControlPlane tcp) {
    return new V1OwnerReference()
        .apiVersion(TenantControlPlane.API_VERSION)
        .kind(TenantControlPlane.KIND)
        .name(tcp.getMetadata().getName())
        .uid(tcp.getMetadata().getUid())
        .controller(true)
        .blockOwnerDeletion(true);
  }

  /** Metadata of an object named {@code name} in the TCP's namespace, owned by the TCP. */
  static V1ObjectMeta metadata(
      TenantControlPlane tcp,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return new V1ObjectMeta()
        .name(name)
        .namespace(tcp.getMetadata().getNamespace())
        .labels(labels)
        .annotations(annotations)
        .ownerReferences(List.of(controllerReference(tcp)));
  }
}
