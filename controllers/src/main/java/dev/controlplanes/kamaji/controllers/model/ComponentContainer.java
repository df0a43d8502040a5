package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalVolumeMounts;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneComponentsResources;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneContainerSecurityContexts;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentProbes;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.ProbeSet;
import dev.controlplanes.kamaji.api.v1alpha1.RegistrySettings;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the kube-scheduler and kube-controller-manager containers have in common (§3.3): the
 * component's image and command, HTTPS {@code /healthz} probes on its secure port with the spec's
 * overrides, and its own security context, resources and additional volume mounts from the spec,
 * each picked by the component's getter.
 */
record ComponentContainer(
    String name,
    int port,
    Function<RegistrySettings, String> image,
    Function<DeploymentProbes, ProbeSet> probes,
    Function<ControlPlaneContainerSecurityContexts, V1SecurityContext> securityContext,
    Function<ControlPlaneComponentsResources, V1ResourceRequirements> resources,
    Function<AdditionalVolumeMounts, List<V1VolumeMount>> additionalMounts) {

  /** The container with {@code args}, the spec's additional mounts, then {@code mounts}. */
  V1Container build(TenantControlPlane tcp, List<String> args, List<V1VolumeMount> mounts) {
    DeploymentSpec d = SpecDefaults.deployment(tcp);
    V1Container c =
        new V1Container()
            .name(name)
            .image(SpecDefaults.image(tcp, image))
            .command(List.of(name))
            .args(args);
    DeploymentProbes p = d.getProbes();
    Probes.set(
        c,
        Probes.https("/healthz", port),
        Probes.https("/healthz", port),
        Probes.https("/healthz", port),
        p,
        p == null ? null : probes.apply(p));
    ControlPlaneContainerSecurityContexts sc = d.getContainerSecurityContexts();
    c.securityContext(sc == null ? null : securityContext.apply(sc));
    ControlPlaneComponentsResources r = d.getResources();
    c.resources(Copies.resources(r == null ? null : resources.apply(r)));
    List<V1VolumeMount> all = new ArrayList<>();
    AdditionalVolumeMounts additional = d.getAdditionalVolumeMounts();
    if (additional != null && additionalMounts.apply(additional) != null) {
      all.addAll(additionalMounts.apply(additional));
    }
    all.addAll(mounts);
    return c.volumeMounts(all);
  }
}
