package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.AddonSpec;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1DaemonSetSpec;
import io.kubernetes.client.openapi.models.V1DaemonSetUpdateStrategy;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1HostPathVolumeSource;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectFieldSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kube-proxy addon inside a tenant (reference §3.4 item 6): kubeadm v1.34's proxy addon objects
 * (ServiceAccount {@code kube-proxy}, ClusterRoleBinding {@code kubeadm:node-proxier}, Role and
 * RoleBinding {@code kube-proxy} for bootstrap tokens, the ConfigMap with kube-proxy's kubeconfig
 * and configuration, the DaemonSet) with Kamaji's project label. The configuration is kubeadm's
 * (the resource {@code kube-proxy-config-defaults.json}) with the bind address of the control
 * plane's IP family and the pod CIDRs; the image is {@code <repository>/kube-proxy:<tag>}, by
 * default {@code registry.k8s.io} and the TenantControlPlane's version. Pure.
 */
public final class KubeProxyAddon {

  public static final String NAME = "kube-proxy";
  public static final String NAMESPACE = ConfigMapReaders.NAMESPACE;
  public static final String CLUSTER_ROLE_BINDING = "kubeadm:node-proxier";
  static final String CONFIG_KEY = "config.conf";
  static final String KUBECONFIG_KEY = "kubeconfig.conf";

  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final String CONFIG_DIR = "/var/lib/kube-proxy";
  private static final Map<String, String> APP = Map.of("k8s-app", NAME);
  private static final JsonObject DEFAULTS = JsonResources.read("kube-proxy-config-defaults.json");

  private KubeProxyAddon() {}

  public static String image(AddonSpec addon, String version) {
    return SpecDefaults.nonEmptyOr(addon.getImageRepository(), SpecDefaults.REGISTRY)
        + "/kube-proxy:"
        + SpecDefaults.nonEmptyOr(addon.getImageTag(), version);
  }

  public static V1ServiceAccount serviceAccount() {
    return new V1ServiceAccount()
        .apiVersion("v1")
        .kind("ServiceAccount")
        .metadata(AddonMetadata.of(NAME, NAMESPACE, Map.of()));
  }

  public static V1ClusterRoleBinding clusterRoleBinding() {
    return new V1ClusterRoleBinding()
        .apiVersion(RBAC + "/v1")
        .kind("ClusterRoleBinding")
        .metadata(AddonMetadata.of(CLUSTER_ROLE_BINDING, null, Map.of()))
        .roleRef(new V1RoleRef().apiGroup(RBAC).kind("ClusterRole").name("system:node-proxier"))
        .subjects(
            List.of(new RbacV1Subject().kind("ServiceAccount").name(NAME).namespace(NAMESPACE)));
  }

  public static V1Role role() {
    V1Role role = ConfigMapReaders.role(NAME, NAME);
    role.setMetadata(AddonMetadata.of(NAME, NAMESPACE, Map.of()));
    return role;
  }

  public static V1RoleBinding roleBinding() {
    V1RoleBinding binding = ConfigMapReaders.binding(NAME, ConfigMapReaders.BOOTSTRAPPERS);
    binding.setMetadata(AddonMetadata.of(NAME, NAMESPACE, Map.of()));
    return binding;
  }

  /**
   * kube-proxy's configuration: kubeadm's, binding all addresses of the advertised address's
   * family, with the pod CIDRs as {@code clusterCIDR}.
   */
  static String configuration(String advertiseAddress, String podSubnet) {
    JsonObject config = DEFAULTS.deepCopy();
    config.addProperty("bindAddress", advertiseAddress.contains(":") ? "::" : "0.0.0.0");
    if (podSubnet != null && !podSubnet.isEmpty()) {
      config.addProperty("clusterCIDR", podSubnet);
    }
    return GoYaml.write(config).stripTrailing();
  }

  /** kube-proxy's kubeconfig: the control-plane endpoint and the pod's service-account token. */
  static String kubeconfig(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
            server: %s
          name: default
        contexts:
        - context:
            cluster: default
            namespace: default
            user: default
          name: default
        current-context: default
        users:
        - name: default
          user:
            tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token"""
        .formatted(server);
  }

  /**
   * @param controlPlaneEndpoint the kubeadm configuration's {@code host:port}
   * @param advertiseAddress the kubeadm configuration's local API endpoint address
   * @param podSubnet the kubeadm configuration's pod subnet (comma-separated)
   */
  public static V1ConfigMap configMap(
      String controlPlaneEndpoint, String advertiseAddress, String podSubnet) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(KUBECONFIG_KEY, kubeconfig("https://" + controlPlaneEndpoint));
    data.put(CONFIG_KEY, configuration(advertiseAddress, podSubnet));
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(AddonMetadata.of(NAME, NAMESPACE, Map.of("app", NAME)))
        .data(data);
  }

  public static V1DaemonSet daemonSet(AddonSpec addon, String version) {
    V1Container container =
        new V1Container()
            .name(NAME)
            .image(image(addon, version))
            .imagePullPolicy("IfNotPresent")
            .command(
                List.of(
                    "/usr/local/bin/kube-proxy",
                    "--config=" + CONFIG_DIR + "/" + CONFIG_KEY,
                    "--hostname-override=$(NODE_NAME)"))
            .securityContext(new V1SecurityContext().privileged(true))
            .volumeMounts(
                List.of(
                    new V1VolumeMount().mountPath(CONFIG_DIR).name(NAME),
                    new V1VolumeMount()
                        .mountPath("/run/xtables.lock")
                        .name("xtables-lock")
                        .readOnly(false),
                    new V1VolumeMount()
                        .mountPath("/lib/modules")
                        .name("lib-modules")
                        .readOnly(true)))
            .env(
                List.of(
                    new V1EnvVar()
                        .name("NODE_NAME")
                        .valueFrom(
                            new V1EnvVarSource()
                                .fieldRef(
                                    new V1ObjectFieldSelector().fieldPath("spec.nodeName")))));
    V1PodSpec pod =
        new V1PodSpec()
            .priorityClassName("system-node-critical")
            .containers(List.of(container))
            .hostNetwork(true)
            .serviceAccountName(NAME)
            .volumes(
                List.of(
                    new V1Volume().name(NAME).configMap(new V1ConfigMapVolumeSource().name(NAME)),
                    new V1Volume()
                        .name("xtables-lock")
                        .hostPath(
                            new V1HostPathVolumeSource()
                                .path("/run/xtables.lock")
                                .type("FileOrCreate")),
                    new V1Volume()
                        .name("lib-modules")
                        .hostPath(new V1HostPathVolumeSource().path("/lib/modules"))))
            .tolerations(List.of(new V1Toleration().operator("Exists")))
            .nodeSelector(Map.of("kubernetes.io/os", "linux"));
    return new V1DaemonSet()
        .apiVersion("apps/v1")
        .kind("DaemonSet")
        .metadata(AddonMetadata.of(NAME, NAMESPACE, APP))
        .spec(
            new V1DaemonSetSpec()
                .selector(new V1LabelSelector().matchLabels(APP))
                .updateStrategy(new V1DaemonSetUpdateStrategy().type("RollingUpdate"))
                .template(
                    new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(APP)).spec(pod)));
  }
}
