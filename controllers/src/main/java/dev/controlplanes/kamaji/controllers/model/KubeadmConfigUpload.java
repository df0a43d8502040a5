package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import java.util.Map;

/**
 * kubeadm's {@code upload-config} phase for a tenant (reference §3.4 item 1): the ConfigMap {@code
 * kube-system/kubeadm-config} whose {@code ClusterConfiguration} key {@code kubeadm join} reads on
 * every worker, and the Role and RoleBinding {@code kubeadm:nodes-kubeadm-config} that let nodes
 * and bootstrap tokens read it. The configuration is the one stored in {@code <tcp>-kubeadmconfig}
 * (the source of truth for the tenant's certificates), written as kubeadm writes it. Pure.
 */
public final class KubeadmConfigUpload {

  public static final String NAME = "kubeadm-config";
  public static final String NAMESPACE = ConfigMapReaders.NAMESPACE;
  public static final String READER = "kubeadm:nodes-kubeadm-config";

  private KubeadmConfigUpload() {}

  /** The ConfigMap for the stored ClusterConfiguration document. */
  public static V1ConfigMap configMap(JsonObject clusterConfiguration) {
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(new V1ObjectMeta().name(NAME).namespace(NAMESPACE))
        .data(Map.of(KubeadmConfig.CLUSTER_CONFIGURATION_KEY, GoYaml.write(clusterConfiguration)));
  }

  public static V1Role role() {
    return ConfigMapReaders.role(READER, NAME);
  }

  public static V1RoleBinding roleBinding() {
    return ConfigMapReaders.binding(READER, ConfigMapReaders.BOOTSTRAPPERS, ConfigMapReaders.NODES);
  }
}
