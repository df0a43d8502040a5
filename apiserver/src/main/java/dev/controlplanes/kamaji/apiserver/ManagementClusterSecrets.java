package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.KubeconfigSubresource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Secrets of the management cluster with the server's own identity, for the kubeconfig
 * subresource. Uncached on purpose: the server only needs the few Secrets users ask for, and a
 * cache of every Secret would keep credentials of all tenants in memory.
 */
final class ManagementClusterSecrets implements KubeconfigSubresource.SecretReader {

  private final CoreV1Api api;

  ManagementClusterSecrets(ApiClient client) {
    this.api = new CoreV1Api(client);
  }

  @Override
  public Optional<KubeconfigSubresource.Secret> read(String namespace, String name) {
    V1Secret secret;
    try {
      secret = api.readNamespacedSecret(name, namespace).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      // The response body is not included: it could be anything the cluster sent.
      throw Statuses.internal(
          "the Secret " + namespace + "/" + name + " could not be read (HTTP " + e.getCode() + ")");
    }
    List<String> controllers =
        secret.getMetadata() == null || secret.getMetadata().getOwnerReferences() == null
            ? List.of()
            : secret.getMetadata().getOwnerReferences().stream()
                .filter(r -> Boolean.TRUE.equals(r.getController()))
                .map(V1OwnerReference::getUid)
                .toList();
    Map<String, byte[]> data = secret.getData() == null ? Map.of() : secret.getData();
    return Optional.of(new KubeconfigSubresource.Secret(data, controllers));
  }
}
