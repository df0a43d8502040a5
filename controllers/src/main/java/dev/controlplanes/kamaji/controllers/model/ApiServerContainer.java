package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalVolumeMounts;
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
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The {@code kube-apiserver} container (§3.3). */
public final class ApiServerContainer {

  public static final String NAME = "kube-apiserver";

  private ApiServerContainer() {}

  static V1Container build(TenantControlPlane tcp, ResolvedFacts facts, boolean konnectivity) {
    DeploymentSpec d = SpecDefaults.deployment(tcp);
    int port = SpecDefaults.port(tcp);
    V1Container c =
        new V1Container()
            .name(NAME)
            .image(SpecDefaults.image(tcp, SpecDefaults::apiServerImage))
            .command(List.of("kube-apiserver"))
            .args(args(tcp, facts, konnectivity))
            .imagePullPolicy("Always");
    DeploymentProbes probes = d.getProbes();
    Probes.set(
        c,
        Probes.https("/livez", port),
        Probes.https("/readyz", port),
        Probes.https("/livez", port),
        probes,
        probes == null ? null : probes.getApiServer());
    ControlPlaneContainerSecurityContexts sc = d.getContainerSecurityContexts();
    c.securityContext(sc == null ? null : sc.getApiServer());

    List<V1VolumeMount> mounts = new ArrayList<>();
    AdditionalVolumeMounts extra = d.getAdditionalVolumeMounts();
    if (extra != null && extra.getApiServer() != null) {
      mounts.addAll(extra.getApiServer());
    }
    if (facts.dataStore().usesKine()) {
      mounts.add(
          ControlPlaneVolumes.mount(
              ControlPlaneVolumes.KINE_UDS, ContainerPaths.KINE_UDS_DIR, false));
    }
    mounts.add(ControlPlaneVolumes.mount(ControlPlaneVolumes.PKI, ContainerPaths.PKI_DIR, true));
    mounts.addAll(ControlPlaneVolumes.caDirectoryMounts());
    if (konnectivity) {
      mounts.add(
          ControlPlaneVolumes.mount(
              ControlPlaneVolumes.KONNECTIVITY_UDS, ContainerPaths.KONNECTIVITY_UDS_DIR, false));
      mounts.add(
          ControlPlaneVolumes.mount(
              ControlPlaneVolumes.EGRESS_SELECTOR_CONFIGURATION,
              ContainerPaths.EGRESS_SELECTOR_DIR,
              false));
    }
    c.volumeMounts(mounts);

    ControlPlaneComponentsResources r = d.getResources();
    c.resources(Copies.resources(r == null ? null : r.getApiServer()));
    return c;
  }

  /**
   * Managed flags (always win, sorted with the safe defaults the user did not set), then the user's
   * {@code extraArgs.apiServer} verbatim.
   */
  public static List<String> args(
      TenantControlPlane tcp, ResolvedFacts facts, boolean konnectivity) {
    if (facts.address() == null || facts.address().isEmpty()) {
      throw new IllegalStateException("the control-plane address is not known yet");
    }
    ControlPlaneExtraArgs extraArgs = SpecDefaults.deployment(tcp).getExtraArgs();
    List<String> user = extraArgs == null ? null : extraArgs.getApiServer();

    Map<String, String> safeDefaults = new TreeMap<>();
    safeDefaults.put("--allow-privileged", "true");
    safeDefaults.put("--enable-bootstrap-token-auth", "true");
    safeDefaults.put("--requestheader-extra-headers-prefix", "X-Remote-Extra-");
    safeDefaults.put("--requestheader-group-headers", "X-Remote-Group");
    safeDefaults.put("--requestheader-username-headers", "X-Remote-User");
    safeDefaults.put("--service-account-issuer", "https://kubernetes.default.svc.cluster.local");
    // kubeadm treats these two as mutually exclusive, and so does Kamaji
    if (!Flags.toMap(user).containsKey("--authorization-config")) {
      safeDefaults.put("--authorization-mode", "Node,RBAC");
    }

    Map<String, String> managed = new TreeMap<>();
    managed.put("--advertise-address", KubeadmConfig.advertisedAddress(tcp, facts.address()));
    managed.put("--client-ca-file", ContainerPaths.pki("ca.crt"));
    managed.put(
        "--enable-admission-plugins", String.join(",", SpecDefaults.admissionControllers(tcp)));
    managed.put("--service-cluster-ip-range", String.join(",", SpecDefaults.serviceCidrs(tcp)));
    managed.put("--kubelet-client-certificate", ContainerPaths.pki("apiserver-kubelet-client.crt"));
    managed.put("--kubelet-client-key", ContainerPaths.pki("apiserver-kubelet-client.key"));
    managed.put(
        "--kubelet-preferred-address-types",
        String.join(",", SpecDefaults.preferredAddressTypes(tcp)));
    managed.put("--proxy-client-cert-file", ContainerPaths.pki("front-proxy-client.crt"));
    managed.put("--proxy-client-key-file", ContainerPaths.pki("front-proxy-client.key"));
    managed.put("--requestheader-allowed-names", "front-proxy-client");
    managed.put("--requestheader-client-ca-file", ContainerPaths.pki("front-proxy-ca.crt"));
    managed.put("--secure-port", Integer.toString(SpecDefaults.port(tcp)));
    managed.put("--service-account-key-file", ContainerPaths.pki("sa.pub"));
    managed.put("--service-account-signing-key-file", ContainerPaths.pki("sa.key"));
    managed.put("--tls-cert-file", ContainerPaths.pki("apiserver.crt"));
    managed.put("--tls-private-key-file", ContainerPaths.pki("apiserver.key"));
    if (facts.dataStore().usesKine()) {
      managed.put("--etcd-servers", "unix://" + ContainerPaths.KINE_SOCKET);
    } else {
      // compaction is left to whoever operates the datastore
      managed.put("--etcd-compaction-interval", "0");
      managed.put("--etcd-prefix", "/" + facts.dataStoreSchema());
      managed.put("--etcd-servers", https(facts.dataStore().endpoints(), ","));
      managed.put("--etcd-cafile", ContainerPaths.pki("etcd/ca.crt"));
      managed.put("--etcd-certfile", ContainerPaths.pki("etcd/server.crt"));
      managed.put("--etcd-keyfile", ContainerPaths.pki("etcd/server.key"));
    }
    if (!facts.overrides().isEmpty()) {
      managed.put(
          "--etcd-servers-overrides",
          facts.overrides().stream()
              .map(o -> o.resource() + "#" + https(o.endpoints(), ";"))
              .collect(Collectors.joining(",")));
    }
    if (konnectivity) {
      // Kamaji's konnectivity resource patches this in; here it is simply one more managed flag
      managed.put("--egress-selector-config-file", ContainerPaths.EGRESS_SELECTOR_FILE);
    }
    return Flags.mergeApiServer(managed, safeDefaults, user);
  }

  private static String https(List<String> endpoints, String separator) {
    return endpoints.stream().map(e -> "https://" + e).collect(Collectors.joining(separator));
  }
}
