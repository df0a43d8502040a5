package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;

/**
 * Kamaji's {@code status.kubernetesResources.version} state machine, computed from the TCP and its
 * Deployment (reference §1.5). One deliberate reading: a TCP that was never installed (no {@code
 * status.version} yet) is Provisioning while its first pods start, not NotReady.
 */
public final class VersionStatus {

  private VersionStatus() {}

  /** The state for {@code tcp} whose control-plane Deployment is {@code deployment}. */
  public static String state(TenantControlPlane tcp, V1Deployment deployment) {
    String installed = installedVersion(tcp);
    if (desiredReplicas(tcp) == 0) {
      return VersionState.SLEEPING;
    }
    boolean complete = rolloutComplete(deployment);
    if (readyReplicas(deployment) == 0 && !complete) {
      return installed == null ? VersionState.PROVISIONING : VersionState.NOT_READY;
    }
    if (SpecDefaults.writeLimited(tcp)) {
      return VersionState.WRITE_LIMITED;
    }
    if (complete) {
      return VersionState.READY;
    }
    if (installed != null && !installed.equals(specVersion(tcp))) {
      return VersionState.UPGRADING;
    }
    if (installed == null) {
      return VersionState.PROVISIONING;
    }
    return VersionState.UNKNOWN;
  }

  /** The state stored in {@code status.kubernetesResources.version.status}; null when none. */
  public static String stored(TenantControlPlane tcp) {
    if (tcp.getStatus() == null
        || tcp.getStatus().getKubernetesResources() == null
        || tcp.getStatus().getKubernetesResources().getVersion() == null) {
      return null;
    }
    return tcp.getStatus().getKubernetesResources().getVersion().getStatus();
  }

  /** The version status to store: the state, and the spec version once Ready or Sleeping. */
  public static KubernetesVersionStatus next(TenantControlPlane tcp, V1Deployment deployment) {
    String state = state(tcp, deployment);
    String version = installedVersion(tcp);
    if (state.equals(VersionState.READY) || state.equals(VersionState.SLEEPING)) {
      version = specVersion(tcp);
    }
    return new KubernetesVersionStatus().status(state).version(version);
  }

  /**
   * A rollout is complete when the Deployment controller has observed the current generation, no
   * replica is unavailable, and updated = ready = total = desired replicas.
   */
  public static boolean rolloutComplete(V1Deployment deployment) {
    if (deployment == null || deployment.getStatus() == null || deployment.getSpec() == null) {
      return false;
    }
    V1DeploymentStatus s = deployment.getStatus();
    long generation =
        deployment.getMetadata() == null || deployment.getMetadata().getGeneration() == null
            ? 0
            : deployment.getMetadata().getGeneration();
    long observed = s.getObservedGeneration() == null ? -1 : s.getObservedGeneration();
    int desired =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    return observed >= generation
        && zero(s.getUnavailableReplicas()) == 0
        && zero(s.getUpdatedReplicas()) == desired
        && zero(s.getReadyReplicas()) == desired
        && zero(s.getReplicas()) == desired;
  }

  private static int readyReplicas(V1Deployment deployment) {
    return deployment == null || deployment.getStatus() == null
        ? 0
        : zero(deployment.getStatus().getReadyReplicas());
  }

  /** Kamaji defaults the control-plane replicas to 2. */
  static int desiredReplicas(TenantControlPlane tcp) {
    if (tcp.getSpec() == null
        || tcp.getSpec().getControlPlane() == null
        || tcp.getSpec().getControlPlane().getDeployment() == null
        || tcp.getSpec().getControlPlane().getDeployment().getReplicas() == null) {
      return 2;
    }
    return tcp.getSpec().getControlPlane().getDeployment().getReplicas();
  }

  private static String installedVersion(TenantControlPlane tcp) {
    if (tcp.getStatus() == null
        || tcp.getStatus().getKubernetesResources() == null
        || tcp.getStatus().getKubernetesResources().getVersion() == null) {
      return null;
    }
    String v = tcp.getStatus().getKubernetesResources().getVersion().getVersion();
    return v == null || v.isEmpty() ? null : v;
  }

  private static String specVersion(TenantControlPlane tcp) {
    return tcp.getSpec() == null || tcp.getSpec().getKubernetes() == null
        ? null
        : tcp.getSpec().getKubernetes().getVersion();
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }
}
