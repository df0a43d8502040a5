package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.WritePermissions;
import io.kubernetes.client.openapi.models.AdmissionregistrationV1WebhookClientConfig;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1RuleWithOperations;
import io.kubernetes.client.openapi.models.V1ValidatingWebhook;
import io.kubernetes.client.openapi.models.V1ValidatingWebhookConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ValidatingWebhookConfiguration {@code kamaji-write-permissions} that a WriteLimited tenant
 * gets (Kamaji §4.6): its API server sends the blocked operations to our always-denying {@code
 * /write-permission}: creations and deletions of node leases (so nodes go NotReady rather than
 * half-register), and the operations {@code spec.writePermissions} blocks, on every resource of
 * every namespace but {@code kube-system} and {@code kube-node-lease}. Pure.
 */
public final class WritePermissionsWebhook {

  public static final String NAME = "kamaji-write-permissions";
  public static final String PATH = "/write-permission";

  private static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

  private WritePermissionsWebhook() {}

  /**
   * @param serverUrl where tenant API servers reach our server, e.g. {@code
   *     https://kamaji-api.kamaji-system.svc:443}
   * @param caBundle the CA of our serving certificate (PEM), or null to use the tenant's roots
   */
  public static V1ValidatingWebhookConfiguration build(
      TenantControlPlane tcp, String serverUrl, byte[] caBundle) {
    WritePermissions permissions = SpecDefaults.spec(tcp).getWritePermissions();
    List<String> blocked = new ArrayList<>();
    if (permissions != null && Boolean.TRUE.equals(permissions.getBlockCreation())) {
      blocked.add("CREATE");
    }
    if (permissions != null && Boolean.TRUE.equals(permissions.getBlockUpdate())) {
      blocked.add("UPDATE");
    }
    if (permissions != null && Boolean.TRUE.equals(permissions.getBlockDeletion())) {
      blocked.add("DELETE");
    }
    return leasesAndCatchAll(NAME, "write-permissions", url(serverUrl, PATH), caBundle, blocked);
  }

  /**
   * Kamaji's two webhooks to one URL: creations and deletions in {@code kube-node-lease}, and the
   * {@code catchAll} operations on every resource outside {@code kube-system} and {@code
   * kube-node-lease} (cluster-scoped ones included).
   */
  static V1ValidatingWebhookConfiguration leasesAndCatchAll(
      String name, String group, String url, byte[] caBundle, List<String> catchAll) {
    String suffix = "." + group + ".kamaji.clastix.io";
    return new V1ValidatingWebhookConfiguration()
        .apiVersion("admissionregistration.k8s.io/v1")
        .kind("ValidatingWebhookConfiguration")
        .metadata(
            new V1ObjectMeta().name(name).labels(Map.of(Labels.PROJECT, Labels.PROJECT_VALUE)))
        .webhooks(
            List.of(
                webhook(
                    "leases" + suffix,
                    url,
                    caBundle,
                    List.of("CREATE", "DELETE"),
                    "Namespaced",
                    "In",
                    List.of("kube-node-lease")),
                webhook(
                    "catchall" + suffix,
                    url,
                    caBundle,
                    catchAll,
                    "*",
                    "NotIn",
                    List.of("kube-system", "kube-node-lease"))));
  }

  static String url(String serverUrl, String path) {
    return (serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl)
        + path;
  }

  private static V1ValidatingWebhook webhook(
      String name,
      String url,
      byte[] caBundle,
      List<String> operations,
      String scope,
      String namespaceOperator,
      List<String> namespaces) {
    return new V1ValidatingWebhook()
        .name(name)
        .clientConfig(new AdmissionregistrationV1WebhookClientConfig().url(url).caBundle(caBundle))
        .rules(
            List.of(
                new V1RuleWithOperations()
                    .operations(operations)
                    .apiGroups(List.of("*"))
                    .apiVersions(List.of("*"))
                    .resources(List.of("*"))
                    .scope(scope)))
        .failurePolicy("Fail")
        .matchPolicy("Equivalent")
        .namespaceSelector(
            new V1LabelSelector()
                .matchExpressions(
                    List.of(
                        new V1LabelSelectorRequirement()
                            .key(NAMESPACE_LABEL)
                            .operator(namespaceOperator)
                            .values(namespaces))))
        .sideEffects("NoneOnDryRun")
        .admissionReviewVersions(List.of("v1"));
  }
}
