package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalVolumeMounts;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneComponentsResources;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneContainerSecurityContexts;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneExtraArgs;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentProbes;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import java.util.List;
import java.util.Map;

/** The {@code kube-scheduler} container (§3.3). */
public final class SchedulerContainer {

  public static final String NAME = "kube-scheduler";
  public static final int PORT = 10259;

  private SchedulerContainer() {}

  private static final ComponentContainer CONTAINER =
      new ComponentContainer(
          NAME,
          PORT,
          SpecDefaults::schedulerImage,
          DeploymentProbes::getScheduler,
          ControlPlaneContainerSecurityContexts::getScheduler,
          ControlPlaneComponentsResources::getScheduler,
          AdditionalVolumeMounts::getScheduler);

  static V1Container build(TenantControlPlane tcp) {
    return CONTAINER.build(
        tcp,
        args(tcp),
        List.of(
            ControlPlaneVolumes.mount(
                ControlPlaneVolumes.SCHEDULER_KUBECONFIG, ContainerPaths.KUBERNETES_DIR, true)));
  }

  /** The user's flags, then Kamaji's (which win), sorted. */
  public static List<String> args(TenantControlPlane tcp) {
    ControlPlaneExtraArgs extra = SpecDefaults.deployment(tcp).getExtraArgs();
    Map<String, String> args = Flags.toMap(extra == null ? null : extra.getScheduler());
    args.put("--authentication-kubeconfig", ContainerPaths.SCHEDULER_KUBECONFIG);
    args.put("--authorization-kubeconfig", ContainerPaths.SCHEDULER_KUBECONFIG);
    args.put("--bind-address", "0.0.0.0");
    args.put("--kubeconfig", ContainerPaths.SCHEDULER_KUBECONFIG);
    args.put("--leader-elect", "true");
    return Flags.sorted(args);
  }
}
