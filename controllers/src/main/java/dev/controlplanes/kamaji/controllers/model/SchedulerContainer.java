package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneComponentsResources;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneContainerSecurityContexts;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneExtraArgs;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentProbes;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code kube-scheduler} container (§3.3). */
public final class SchedulerContainer {

  public static final String NAME = "kube-scheduler";
  public static final int PORT = 10259;

  private SchedulerContainer() {}

  static V1Container build(TenantControlPlane tcp) {
    DeploymentSpec d = SpecDefaults.deployment(tcp);
    V1Container c =
        new V1Container()
            .name(NAME)
            .image(SpecDefaults.image(tcp, SpecDefaults::schedulerImage))
            .command(List.of("kube-scheduler"))
            .args(args(tcp));
    DeploymentProbes probes = d.getProbes();
    Probes.set(
        c,
        Probes.https("/healthz", PORT),
        Probes.https("/healthz", PORT),
        Probes.https("/healthz", PORT),
        probes,
        probes == null ? null : probes.getScheduler());
    ControlPlaneContainerSecurityContexts sc = d.getContainerSecurityContexts();
    c.securityContext(sc == null ? null : sc.getScheduler());
    ControlPlaneComponentsResources r = d.getResources();
    c.resources(Copies.resources(r == null ? null : r.getScheduler()));

    List<V1VolumeMount> mounts = new ArrayList<>();
    if (d.getAdditionalVolumeMounts() != null
        && d.getAdditionalVolumeMounts().getScheduler() != null) {
      mounts.addAll(d.getAdditionalVolumeMounts().getScheduler());
    }
    mounts.add(
        ControlPlaneVolumes.mount(
            ControlPlaneVolumes.SCHEDULER_KUBECONFIG, ContainerPaths.KUBERNETES_DIR, true));
    return c.volumeMounts(mounts);
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
