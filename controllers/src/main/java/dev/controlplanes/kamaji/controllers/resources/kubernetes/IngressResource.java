package dev.controlplanes.kamaji.controllers.resources.kubernetes;

import dev.controlplanes.kamaji.api.v1alpha1.KubernetesIngressStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneIngress;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.util.Objects;

/**
 * Ingress {@code <tcp>} when {@code controlPlane.ingress} is set, removed when it is unset (§3.2
 * item 13); records {@code status.kubernetesResources.ingress}.
 */
public final class IngressResource extends OwnedObjectResource<V1Ingress> {

  public IngressResource(TenantContext context) {
    super(context, context.clients().ingresses(), V1Ingress.class);
  }

  @Override
  public String name() {
    return "ingress";
  }

  @Override
  public boolean shouldCleanup(TenantControlPlane tcp) {
    return tcp.getSpec() == null
        || tcp.getSpec().getControlPlane() == null
        || tcp.getSpec().getControlPlane().getIngress() == null;
  }

  @Override
  public WriteResult cleanUp(TenantControlPlane tcp) {
    return delete(tcp.getMetadata().getNamespace(), Names.ingress(tcp));
  }

  @Override
  protected V1Ingress desired(TenantControlPlane tcp) {
    return ControlPlaneIngress.build(tcp);
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    KubernetesIngressStatus current =
        tcp.getStatus() == null || tcp.getStatus().getKubernetesResources() == null
            ? null
            : tcp.getStatus().getKubernetesResources().getIngress();
    if (applied == null) {
      return current != null;
    }
    return current == null
        || !Objects.equals(current.getName(), applied.object().getMetadata().getName())
        || !Objects.equals(current.getLoadBalancer(), loadBalancer());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.kubernetesResources(tcp)
        .setIngress(
            applied == null
                ? null
                : new KubernetesIngressStatus()
                    .name(applied.object().getMetadata().getName())
                    .namespace(applied.object().getMetadata().getNamespace())
                    .loadBalancer(loadBalancer()));
  }

  private io.kubernetes.client.openapi.models.V1IngressLoadBalancerStatus loadBalancer() {
    return applied.object().getStatus() == null
        ? null
        : applied.object().getStatus().getLoadBalancer();
  }
}
