package dev.controlplanes.kamaji.controllers.resources.kubernetes;

import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesServiceStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneService;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import dev.controlplanes.kamaji.controllers.resources.ControlPlaneAddress;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.TenantFacts;
import io.kubernetes.client.openapi.models.V1LoadBalancerStatus;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.Objects;

/**
 * Service {@code <tcp>} (§3.2 item 3); records {@code status.kubernetesResources.service}, {@code
 * status.controlPlaneEndpoint} and, with the konnectivity addon, {@code
 * status.addons.konnectivity.service} (its port on the same Service, and the load balancer's
 * addresses without their ports, as Kamaji records them).
 */
public final class ServiceResource extends OwnedObjectResource<V1Service> {

  private String endpoint;
  private KubernetesServiceStatus konnectivityService;

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
    konnectivityService = konnectivityService(tcp);
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
        || !Objects.equals(service.getLoadBalancer(), loadBalancer())
        || !Objects.equals(recordedKonnectivityService(s), konnectivityService);
  }

  private static KubernetesServiceStatus recordedKonnectivityService(TenantControlPlaneStatus s) {
    KonnectivityStatus k =
        s == null || s.getAddons() == null ? null : s.getAddons().getKonnectivity();
    return k == null ? null : k.getService();
  }

  private KubernetesServiceStatus konnectivityService(TenantControlPlane tcp) {
    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    if (konnectivity == null) {
      return null;
    }
    V1LoadBalancerStatus loadBalancer = loadBalancer();
    if (loadBalancer != null && loadBalancer.getIngress() != null) {
      loadBalancer = KubeJson.copy(loadBalancer, V1LoadBalancerStatus.class);
      loadBalancer.getIngress().forEach(ingress -> ingress.setPorts(null));
    }
    return new KubernetesServiceStatus()
        .name(applied.object().getMetadata().getName())
        .namespace(applied.object().getMetadata().getNamespace())
        .port(SpecDefaults.konnectivityPort(konnectivity))
        .loadBalancer(loadBalancer);
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
    if (konnectivityService != null) {
      StatusFields.konnectivity(tcp).setService(konnectivityService);
    } else if (recordedKonnectivityService(tcp.getStatus()) != null) {
      tcp.getStatus().getAddons().getKonnectivity().setService(null);
    }
  }

  private V1LoadBalancerStatus loadBalancer() {
    return applied.object().getStatus() == null
        ? null
        : applied.object().getStatus().getLoadBalancer();
  }
}
