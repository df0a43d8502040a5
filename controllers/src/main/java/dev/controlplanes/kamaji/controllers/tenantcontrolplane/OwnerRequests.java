package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import java.util.Optional;

/** Maps an owned object to the reconcile request of the TenantControlPlane that controls it. */
final class OwnerRequests {

  private OwnerRequests() {}

  static Optional<Request> of(KubernetesObject object) {
    if (object == null
        || object.getMetadata() == null
        || object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    for (V1OwnerReference ref : object.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(ref.getController())
          && TenantControlPlane.KIND.equals(ref.getKind())
          && ref.getApiVersion() != null
          && ref.getApiVersion().startsWith(TenantControlPlane.GROUP + "/")) {
        return Optional.of(new Request(object.getMetadata().getNamespace(), ref.getName()));
      }
    }
    return Optional.empty();
  }

  static boolean owned(KubernetesObject object) {
    return of(object).isPresent();
  }
}
