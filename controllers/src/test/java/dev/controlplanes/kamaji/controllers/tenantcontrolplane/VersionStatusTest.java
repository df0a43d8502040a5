package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneSpec;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.api.v1alpha1.WritePermissions;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.Test;

class VersionStatusTest {

  private static TenantControlPlane tcp(int replicas, String specVersion, String installed) {
    TenantControlPlane tcp =
        new TenantControlPlane()
            .metadata(new V1ObjectMeta().name("t").namespace("n").generation(1L))
            .spec(
                new TenantControlPlaneSpec()
                    .kubernetes(new KubernetesSpec().version(specVersion))
                    .controlPlane(
                        new ControlPlaneSpec()
                            .deployment(new DeploymentSpec().replicas(replicas))));
    if (installed != null) {
      tcp.status(
          new TenantControlPlaneStatus()
              .kubernetesResources(
                  new KubernetesResourcesStatus()
                      .version(
                          new KubernetesVersionStatus()
                              .version(installed)
                              .status(VersionState.READY))));
    }
    return tcp;
  }

  private static V1Deployment deployment(
      int desired, int replicas, int updated, int ready, int unavailable, long observed) {
    return new V1Deployment()
        .metadata(new V1ObjectMeta().generation(2L))
        .spec(new V1DeploymentSpec().replicas(desired))
        .status(
            new V1DeploymentStatus()
                .observedGeneration(observed)
                .replicas(replicas)
                .updatedReplicas(updated)
                .readyReplicas(ready)
                .unavailableReplicas(unavailable == 0 ? null : unavailable));
  }

  @Test
  void aNewTenantIsProvisioningUntilItsRolloutCompletesThenReady() {
    TenantControlPlane fresh = tcp(2, "v1.35.7", null);

    assertThat(VersionStatus.state(fresh, null)).isEqualTo(VersionState.PROVISIONING);
    assertThat(VersionStatus.state(fresh, deployment(2, 2, 2, 0, 2, 2)))
        .isEqualTo(VersionState.PROVISIONING);
    assertThat(VersionStatus.state(fresh, deployment(2, 2, 2, 1, 1, 2)))
        .isEqualTo(VersionState.PROVISIONING);

    KubernetesVersionStatus ready = VersionStatus.next(fresh, deployment(2, 2, 2, 2, 0, 2));
    assertThat(ready.getStatus()).isEqualTo(VersionState.READY);
    assertThat(ready.getVersion()).isEqualTo("v1.35.7");
  }

  @Test
  void anUnobservedGenerationIsNotComplete() {
    assertThat(VersionStatus.rolloutComplete(deployment(2, 2, 2, 2, 0, 1))).isFalse();
    assertThat(VersionStatus.rolloutComplete(deployment(2, 3, 2, 2, 0, 2))).isFalse();
    assertThat(VersionStatus.rolloutComplete(deployment(2, 2, 2, 2, 0, 2))).isTrue();
  }

  @Test
  void zeroReplicasIsSleepingAndRecordsTheSpecVersion() {
    KubernetesVersionStatus sleeping =
        VersionStatus.next(tcp(0, "v1.35.7", "v1.34.2"), deployment(0, 0, 0, 0, 0, 2));
    assertThat(sleeping.getStatus()).isEqualTo(VersionState.SLEEPING);
    assertThat(sleeping.getVersion()).isEqualTo("v1.35.7");
  }

  @Test
  void anInstalledTenantWithoutReadyPodsIsNotReady() {
    assertThat(VersionStatus.state(tcp(2, "v1.35.7", "v1.35.7"), deployment(2, 2, 2, 0, 2, 2)))
        .isEqualTo(VersionState.NOT_READY);
  }

  @Test
  void aVersionChangeWhileRollingIsUpgradingAndKeepsTheInstalledVersion() {
    KubernetesVersionStatus upgrading =
        VersionStatus.next(tcp(2, "v1.35.7", "v1.34.2"), deployment(2, 3, 1, 2, 1, 2));
    assertThat(upgrading.getStatus()).isEqualTo(VersionState.UPGRADING);
    assertThat(upgrading.getVersion()).isEqualTo("v1.34.2");
  }

  @Test
  void writePermissionsMakeARunningTenantWriteLimited() {
    TenantControlPlane limited = tcp(2, "v1.35.7", "v1.35.7");
    limited.getSpec().setWritePermissions(new WritePermissions().blockUpdate(true));
    assertThat(VersionStatus.state(limited, deployment(2, 2, 2, 2, 0, 2)))
        .isEqualTo(VersionState.WRITE_LIMITED);
  }

  @Test
  void writePermissionsThatBlockNothingLeaveTheTenantReady() {
    TenantControlPlane open = tcp(2, "v1.35.7", "v1.35.7");
    open.getSpec().setWritePermissions(new WritePermissions().blockCreation(false));
    assertThat(VersionStatus.state(open, deployment(2, 2, 2, 2, 0, 2)))
        .isEqualTo(VersionState.READY);
  }
}
