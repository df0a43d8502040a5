package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalVolumeMounts;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneComponentsResources;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneContainerSecurityContexts;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneExtraArgs;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentProbes;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code kube-controller-manager} container (§3.3). */
public final class ControllerManagerContainer {

  public static final String NAME = "kube-controller-manager";
  public static final int PORT = 10257;

  private ControllerManagerContainer() {}

  private static final ComponentContainer CONTAINER =
      new ComponentContainer(
          NAME,
          PORT,
          SpecDefaults::controllerManagerImage,
          DeploymentProbes::getControllerManager,
          ControlPlaneContainerSecurityContexts::getControllerManager,
          ControlPlaneComponentsResources::getControllerManager,
          AdditionalVolumeMounts::getControllerManager);

  static V1Container build(TenantControlPlane tcp) {
    List<V1VolumeMount> mounts = new ArrayList<>();
    mounts.add(
        ControlPlaneVolumes.mount(
            ControlPlaneVolumes.CONTROLLER_MANAGER_KUBECONFIG,
            ContainerPaths.KUBERNETES_DIR,
            true));
    mounts.add(ControlPlaneVolumes.mount(ControlPlaneVolumes.PKI, ContainerPaths.PKI_DIR, true));
    mounts.addAll(ControlPlaneVolumes.caDirectoryMounts());
    return CONTAINER.build(tcp, args(tcp), mounts);
  }

  /** Kamaji's flags, then the user's merged over them (here the user wins), sorted. */
  public static List<String> args(TenantControlPlane tcp) {
    String kubeconfig = ContainerPaths.CONTROLLER_MANAGER_KUBECONFIG;
    Map<String, String> args = new LinkedHashMap<>();
    args.put("--allocate-node-cidrs", "true");
    args.put("--authentication-kubeconfig", kubeconfig);
    args.put("--authorization-kubeconfig", kubeconfig);
    args.put("--bind-address", "0.0.0.0");
    args.put("--client-ca-file", ContainerPaths.pki("ca.crt"));
    args.put("--cluster-name", tcp.getMetadata().getName());
    args.put("--cluster-signing-cert-file", ContainerPaths.pki("ca.crt"));
    args.put("--cluster-signing-key-file", ContainerPaths.pki("ca.key"));
    args.put("--controllers", "*,bootstrapsigner,tokencleaner");
    args.put("--kubeconfig", kubeconfig);
    args.put("--leader-elect", "true");
    args.put("--service-cluster-ip-range", String.join(",", SpecDefaults.serviceCidrs(tcp)));
    args.put("--cluster-cidr", String.join(",", SpecDefaults.podCidrs(tcp)));
    args.put("--requestheader-client-ca-file", ContainerPaths.pki("front-proxy-ca.crt"));
    args.put("--root-ca-file", ContainerPaths.pki("ca.crt"));
    args.put("--service-account-private-key-file", ContainerPaths.pki("sa.key"));
    args.put("--use-service-account-credentials", "true");
    ControlPlaneExtraArgs extra = SpecDefaults.deployment(tcp).getExtraArgs();
    args.putAll(Flags.toMap(extra == null ? null : extra.getControllerManager()));
    return Flags.sorted(args);
  }
}
