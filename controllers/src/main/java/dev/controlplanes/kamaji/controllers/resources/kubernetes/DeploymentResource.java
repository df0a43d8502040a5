package dev.controlplanes.kamaji.controllers.resources.kubernetes;

import dev.controlplanes.kamaji.api.v1alpha1.KubernetesDeploymentStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneDeployment;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.TenantFacts;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.VersionStatus;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Deployment {@code <tcp>} (§3.2 item 10, with the konnectivity sidecar when the addon is set);
 * records {@code status.kubernetesResources.deployment} and the {@code version} state machine.
 */
public final class DeploymentResource extends OwnedObjectResource<V1Deployment> {

  public DeploymentResource(TenantContext context) {
    super(context, context.clients().deployments(), V1Deployment.class);
  }

  @Override
  public String name() {
    return "deployment";
  }

  @Override
  protected V1Deployment desired(TenantControlPlane tcp) {
    return ControlPlaneDeployment.build(tcp, TenantFacts.of(tcp, context));
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    KubernetesResourcesStatus current =
        tcp.getStatus() == null ? null : tcp.getStatus().getKubernetesResources();
    if (current == null || current.getDeployment() == null || current.getVersion() == null) {
      return true;
    }
    KubernetesDeploymentStatus wanted = deploymentStatus(null);
    KubernetesDeploymentStatus have = current.getDeployment();
    return !Objects.equals(VersionStatus.next(tcp, applied.object()), current.getVersion())
        || !Objects.equals(wanted.lastUpdate(have.getLastUpdate()), have);
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    KubernetesVersionStatus version = VersionStatus.next(tcp, applied.object());
    StatusFields.kubernetesResources(tcp)
        .deployment(deploymentStatus(OffsetDateTime.now(context.clock())))
        .version(version);
  }

  private KubernetesDeploymentStatus deploymentStatus(OffsetDateTime lastUpdate) {
    V1Deployment d = applied.object();
    V1DeploymentStatus s = d.getStatus() == null ? new V1DeploymentStatus() : d.getStatus();
    Map<String, String> matchLabels =
        d.getSpec() == null || d.getSpec().getSelector() == null
            ? Map.of()
            : Objects.requireNonNullElse(d.getSpec().getSelector().getMatchLabels(), Map.of());
    String selector =
        new TreeMap<>(matchLabels)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    return new KubernetesDeploymentStatus()
        .observedGeneration(s.getObservedGeneration())
        .replicas(s.getReplicas())
        .updatedReplicas(s.getUpdatedReplicas())
        .readyReplicas(s.getReadyReplicas())
        .availableReplicas(s.getAvailableReplicas())
        .unavailableReplicas(s.getUnavailableReplicas())
        .terminatingReplicas(s.getTerminatingReplicas())
        .conditions(s.getConditions())
        .collisionCount(s.getCollisionCount())
        .selector(selector)
        .name(d.getMetadata().getName())
        .namespace(d.getMetadata().getNamespace())
        .lastUpdate(lastUpdate);
  }
}
