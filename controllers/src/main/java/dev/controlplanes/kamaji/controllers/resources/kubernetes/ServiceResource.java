package dev.controlplanes.kamaji.controllers.resources.kubernetes;

import dev.controlplanes.kamaji.api.v1alpha1.KubernetesServiceStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneService;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import dev.controlplanes.kamaji.controllers.resources.ControlPlaneAddress;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.TenantFacts;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.Objects;

/**
 * Service {@code <tcp>} (§3.2 item 3); records {@code status.kubernetesResources.service} and
 * {@code status.controlPlaneEndpoint}.
 */
public final class ServiceResource extends OwnedObjectResource<V1Service> {

  private String endpoint;

  public ServiceResource(TenantContext context) {
    super(context, context.clients().services(), V1Service.class);
  }

  @Override
  public String name() {
    return "service";
  }

  @Override
  protected V1Service desired(TenantControlPlane tcp) {
    return ControlPlaneService.build(tcp, TenantFacts.of(tcp, context));
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    endpoint =
        ControlPlaneAddress.endpoint(
            ControlPlaneAddress.of(tcp, applied.object()), SpecDefaults.port(tcp));
    TenantControlPlaneStatus s = tcp.getStatus();
    KubernetesServiceStatus service =
        s == null || s.getKubernetesResources() == null
            ? null
            : s.getKubernetesResources().getService();
    return s == null
        || !endpoint.equals(s.getControlPlaneEndpoint())
        || service == null
        || !Objects.equals(service.getName(), applied.object().getMetadata().getName())
        || !Objects.equals(service.getPort(), SpecDefaults.port(tcp))
        || !Objects.equals(service.getLoadBalancer(), loadBalancer());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.kubernetesResources(tcp)
        .setService(
            new KubernetesServiceStatus()
                .name(applied.object().getMetadata().getName())
                .namespace(applied.object().getMetadata().getNamespace())
                .port(SpecDefaults.port(tcp))
                .loadBalancer(loadBalancer()));
    StatusFields.status(tcp).setControlPlaneEndpoint(endpoint);
  }

  private io.kubernetes.client.openapi.models.V1LoadBalancerStatus loadBalancer() {
    return applied.object().getStatus() == null
        ? null
        : applied.object().getStatus().getLoadBalancer();
  }
}
