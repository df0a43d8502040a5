package dev.controlplanes.kamaji.controllers.tenant;

import dev.controlplanes.kamaji.api.v1alpha1.AddonStatus;
import dev.controlplanes.kamaji.api.v1alpha1.AddonsStatus;
import dev.controlplanes.kamaji.api.v1alpha1.ExternalKubernetesObjectStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityAgentStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubeadmPhaseStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubeadmPhasesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.KonnectivityAgent;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The last step of a pass: records what the tenant-side phase last ensured, as Kamaji's soot
 * controllers record it: {@code status.kubeadmPhase.bootstrapToken} (the kubeadm configuration's
 * checksum), {@code status.addons.coreDNS} and {@code kubeProxy} ({@code enabled} and when it
 * changed), and the konnectivity agents' ServiceAccount, ClusterRoleBinding and workload under
 * {@code status.addons.konnectivity}. Writes nothing itself; the phase runs apart from the passes
 * and asks for a pass when it completes.
 */
public final class TenantSideStatus implements ManagedResource<TenantControlPlane> {

  private final Function<TenantControlPlane, Optional<TenantSideOutcome>> outcomes;
  private TenantSideOutcome outcome;

  public TenantSideStatus(Function<TenantControlPlane, Optional<TenantSideOutcome>> outcomes) {
    this.outcomes = outcomes;
  }

  @Override
  public String name() {
    return "tenant-side";
  }

  @Override
  public WriteResult createOrUpdate(TenantControlPlane tcp) {
    outcome = outcomes.apply(tcp).orElse(null);
    return WriteResult.UNCHANGED;
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    if (outcome == null) {
      return false;
    }
    TenantControlPlaneStatus status = tcp.getStatus();
    KubeadmPhasesStatus phases = status == null ? null : status.getKubeadmPhase();
    KubeadmPhaseStatus token = phases == null ? null : phases.getBootstrapToken();
    AddonsStatus addons = status == null ? null : status.getAddons();
    return token == null
        || !Objects.equals(token.getChecksum(), outcome.kubeadmChecksum())
        || enabled(addons == null ? null : addons.getCoreDNS()) != outcome.coreDns()
        || enabled(addons == null ? null : addons.getKubeProxy()) != outcome.kubeProxy()
        || !Objects.equals(agentMode(addons), outcome.agentKind());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    TenantControlPlaneStatus status = StatusFields.status(tcp);
    if (status.getKubeadmPhase() == null) {
      status.setKubeadmPhase(new KubeadmPhasesStatus());
    }
    KubeadmPhaseStatus token = status.getKubeadmPhase().getBootstrapToken();
    if (token == null || !Objects.equals(token.getChecksum(), outcome.kubeadmChecksum())) {
      status
          .getKubeadmPhase()
          .setBootstrapToken(
              new KubeadmPhaseStatus()
                  .checksum(outcome.kubeadmChecksum())
                  .lastUpdate(outcome.at()));
    }
    if (status.getAddons() == null) {
      status.setAddons(new AddonsStatus());
    }
    AddonsStatus addons = status.getAddons();
    if (enabled(addons.getCoreDNS()) != outcome.coreDns()) {
      addons.setCoreDNS(new AddonStatus().enabled(outcome.coreDns()).lastUpdate(outcome.at()));
    }
    if (enabled(addons.getKubeProxy()) != outcome.kubeProxy()) {
      addons.setKubeProxy(new AddonStatus().enabled(outcome.kubeProxy()).lastUpdate(outcome.at()));
    }
    if (!Objects.equals(agentMode(addons), outcome.agentKind())) {
      if (outcome.agentKind() == null) {
        KonnectivityStatus konnectivity = addons.getKonnectivity();
        konnectivity.setAgent(null);
        konnectivity.setSa(null);
        konnectivity.setClusterrolebinding(null);
      } else {
        KonnectivityStatus konnectivity = StatusFields.konnectivity(tcp);
        konnectivity.setAgent(
            new KonnectivityAgentStatus()
                .name(KonnectivityAgent.NAME)
                .namespace(KonnectivityAgent.NAMESPACE)
                .mode(outcome.agentKind())
                .lastUpdate(outcome.at()));
        konnectivity.setSa(
            new ExternalKubernetesObjectStatus()
                .name(KonnectivityAgent.NAME)
                .namespace(KonnectivityAgent.NAMESPACE)
                .lastUpdate(outcome.at()));
        konnectivity.setClusterrolebinding(
            new ExternalKubernetesObjectStatus()
                .name(KonnectivityAgent.SERVER_USER)
                .lastUpdate(outcome.at()));
      }
    }
  }

  private static boolean enabled(AddonStatus addon) {
    return addon != null && Boolean.TRUE.equals(addon.getEnabled());
  }

  private static String agentMode(AddonsStatus addons) {
    if (addons == null
        || addons.getKonnectivity() == null
        || addons.getKonnectivity().getAgent() == null) {
      return null;
    }
    return addons.getKonnectivity().getAgent().getMode();
  }
}
