package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.patch.JsonPatch;
import dev.controlplanes.kamaji.api.v1alpha1.JsonPatchOperation;
import dev.controlplanes.kamaji.api.v1alpha1.KubeletSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import java.util.List;
import java.util.Map;

/**
 * The tenant's {@code kube-system/kubelet-config} ConfigMap that {@code kubeadm join} gives each
 * worker's kubelet (reference §3.4 item 2), and the Role and RoleBinding {@code
 * kubeadm:kubelet-config} that let nodes and bootstrap tokens read it. Its {@code kubelet} key is a
 * KubeletConfiguration: the kubelet's own v1beta1 defaults of Kubernetes v1.34 (the resource {@code
 * kubelet-config-defaults.json}), the client CA, cgroup driver, cluster DNS and domain, certificate
 * rotation and static pod path of the tenant, without {@code resolvConf} (so each kubelet finds its
 * own), then the spec's JSON patches. Pure.
 */
public final class KubeletConfigUpload {

  public static final String NAME = "kubelet-config";
  public static final String NAMESPACE = ConfigMapReaders.NAMESPACE;
  public static final String KEY = "kubelet";

  /** kubeadm's Role and RoleBinding for reading the ConfigMap. */
  public static final String READER = "kubeadm:kubelet-config";

  private static final JsonObject DEFAULTS = JsonResources.read("kubelet-config-defaults.json");

  private KubeletConfigUpload() {}

  /**
   * The KubeletConfiguration as YAML.
   *
   * @throws IllegalArgumentException if the spec's JSON patches do not apply
   */
  public static String content(TenantControlPlane tcp) {
    JsonObject config = DEFAULTS.deepCopy();
    config.addProperty("apiVersion", "kubelet.config.k8s.io/v1beta1");
    config.addProperty("kind", "KubeletConfiguration");
    JsonObject x509 = new JsonObject();
    // The path on the nodes, where kubeadm join writes the CA.
    x509.addProperty("clientCAFile", "/etc/kubernetes/pki/ca.crt");
    config.getAsJsonObject("authentication").add("x509", x509);
    KubeletSpec kubelet = kubelet(tcp);
    if (kubelet != null && kubelet.getCgroupfs() != null && !kubelet.getCgroupfs().isEmpty()) {
      config.addProperty("cgroupDriver", kubelet.getCgroupfs());
    }
    List<String> dns = SpecDefaults.network(tcp).getDnsServiceIPs();
    if (dns != null && !dns.isEmpty()) {
      JsonArray clusterDns = new JsonArray();
      dns.forEach(clusterDns::add);
      config.add("clusterDNS", clusterDns);
    }
    config.addProperty("clusterDomain", SpecDefaults.clusterDomain(tcp));
    config.addProperty("rotateCertificates", true);
    config.addProperty("staticPodPath", "/etc/kubernetes/manifests");
    List<JsonPatchOperation> patches =
        kubelet == null ? null : kubelet.getConfigurationJSONPatches();
    if (patches != null && !patches.isEmpty()) {
      JsonElement patched;
      try {
        patched = JsonPatch.apply(config, KubeJson.tree(Map.of("p", patches)).getAsJsonArray("p"));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "spec.kubernetes.kubelet.configurationJSONPatches: " + e.getMessage(), e);
      }
      if (!patched.isJsonObject()) {
        throw new IllegalArgumentException(
            "spec.kubernetes.kubelet.configurationJSONPatches: the result is not an object");
      }
      config = patched.getAsJsonObject();
    }
    return GoYaml.write(config);
  }

  /**
   * The ConfigMap's name: {@value #NAME}, or {@code kubelet-config-<major>.<minor>} before
   * Kubernetes 1.24, where kubeadm versioned it.
   */
  public static String name(TenantControlPlane tcp) {
    java.util.regex.Matcher version =
        java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+).*").matcher(SpecDefaults.version(tcp));
    if (version.matches()) {
      int major = Integer.parseInt(version.group(1));
      int minor = Integer.parseInt(version.group(2));
      if (major == 1 && minor < 24) {
        return NAME + "-" + major + "." + minor;
      }
    }
    return NAME;
  }

  public static V1ConfigMap configMap(TenantControlPlane tcp) {
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(new V1ObjectMeta().name(name(tcp)).namespace(NAMESPACE))
        .data(Map.of(KEY, content(tcp)));
  }

  public static V1Role role(TenantControlPlane tcp) {
    return ConfigMapReaders.role(READER, name(tcp));
  }

  public static V1RoleBinding roleBinding() {
    return ConfigMapReaders.binding(READER, ConfigMapReaders.NODES, ConfigMapReaders.BOOTSTRAPPERS);
  }

  private static KubeletSpec kubelet(TenantControlPlane tcp) {
    KubernetesSpec kubernetes = SpecDefaults.spec(tcp).getKubernetes();
    return kubernetes == null ? null : kubernetes.getKubelet();
  }
}
