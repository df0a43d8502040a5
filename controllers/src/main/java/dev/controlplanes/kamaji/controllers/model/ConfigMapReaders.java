package dev.controlplanes.kamaji.controllers.model;

import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import java.util.Arrays;
import java.util.List;

/**
 * kubeadm's pattern for a kube-system ConfigMap that joining nodes read before they have
 * credentials of their own: a Role allowed to get that one ConfigMap, bound to groups (the nodes,
 * the default bootstrap token's). Pure.
 */
public final class ConfigMapReaders {

  public static final String NAMESPACE = "kube-system";
  public static final String NODES = "system:nodes";
  public static final String BOOTSTRAPPERS = "system:bootstrappers:kubeadm:default-node-token";

  static final String RBAC = "rbac.authorization.k8s.io";

  private ConfigMapReaders() {}

  /** Role {@code name} that may get ConfigMap {@code configMap} in kube-system. */
  public static V1Role role(String name, String configMap) {
    return new V1Role()
        .apiVersion(RBAC + "/v1")
        .kind("Role")
        .metadata(new V1ObjectMeta().name(name).namespace(NAMESPACE))
        .rules(
            List.of(
                new V1PolicyRule()
                    .apiGroups(List.of(""))
                    .resources(List.of("configmaps"))
                    .resourceNames(List.of(configMap))
                    .verbs(List.of("get"))));
  }

  /** RoleBinding {@code name} of Role {@code name} to {@code groups}, in that order. */
  public static V1RoleBinding binding(String name, String... groups) {
    return new V1RoleBinding()
        .apiVersion(RBAC + "/v1")
        .kind("RoleBinding")
        .metadata(new V1ObjectMeta().name(name).namespace(NAMESPACE))
        .roleRef(new V1RoleRef().apiGroup(RBAC).kind("Role").name(name))
        .subjects(Arrays.stream(groups).map(ConfigMapReaders::group).toList());
  }

  static RbacV1Subject group(String name) {
    return new RbacV1Subject().apiGroup(RBAC).kind("Group").name(name);
  }
}
