package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import java.util.List;
import java.util.Optional;

/** {@link ObjectClient} over a {@link GenericKubernetesApi} and the kind's shared informer. */
public final class KubeObjectClient<T extends KubernetesObject, L extends KubernetesListObject>
    implements ObjectClient<T> {

  private final String kind;
  private final GenericKubernetesApi<T, L> api;
  private final Lister<T> lister;
  private final boolean namespaced;
  private final Class<T> type;
  private final ApiClient client;
  private final String group;
  private final String version;
  private final String plural;

  public KubeObjectClient(
      ApiClient client,
      Class<T> type,
      Class<L> listType,
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      SharedIndexInformer<T> informer) {
    this.kind = kind;
    this.api = new GenericKubernetesApi<>(type, listType, group, version, plural, client);
    this.lister = new Lister<>(informer.getIndexer());
    this.namespaced = namespaced;
    this.type = type;
    this.client = client;
    this.group = group;
    this.version = version;
    this.plural = plural;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Optional<T> cached(String namespace, String name) {
    return Optional.ofNullable(
        namespaced ? lister.namespace(namespace).get(name) : lister.get(name));
  }

  @Override
  public List<T> cachedList() {
    return lister.list();
  }

  @Override
  public Optional<T> live(String namespace, String name) {
    KubernetesApiResponse<T> response = namespaced ? api.get(namespace, name) : api.get(name);
    if (response.getHttpStatusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(check(response, "get", name));
  }

  @Override
  public T create(T object) {
    return check(api.create(object), "create", object.getMetadata().getName());
  }

  @Override
  public T update(T object) {
    return check(api.update(object), "update", object.getMetadata().getName());
  }

  /**
   * A PUT of the status subresource, so the object's resourceVersion is a precondition (client-
   * java's own updateStatus patches without one).
   */
  @Override
  public T updateStatus(T object) {
    CustomObjectsApi custom = new CustomObjectsApi(client);
    String name = object.getMetadata().getName();
    try {
      Object updated =
          namespaced
              ? custom
                  .replaceNamespacedCustomObjectStatus(
                      group, version, object.getMetadata().getNamespace(), plural, name, object)
                  .execute()
              : custom
                  .replaceClusterCustomObjectStatus(group, version, plural, name, object)
                  .execute();
      return KubeJson.object(JSON.getGson().toJsonTree(updated), type);
    } catch (ApiException e) {
      throw new KubeApiException(
          e.getCode(), "cannot update status of " + kind + " " + name + ": " + statusMessage(e));
    }
  }

  /** The Status message of a failed call, never the raw body of anything else. */
  private static String statusMessage(ApiException e) {
    try {
      V1Status status = JSON.deserialize(e.getResponseBody(), V1Status.class);
      return status == null || status.getMessage() == null
          ? "HTTP " + e.getCode()
          : status.getMessage();
    } catch (RuntimeException notStatus) {
      return "HTTP " + e.getCode();
    }
  }

  @Override
  public void delete(String namespace, String name) {
    DeleteOptions options = new DeleteOptions();
    options.setPropagationPolicy("Background");
    KubernetesApiResponse<T> response =
        namespaced ? api.delete(namespace, name, options) : api.delete(name, options);
    if (response.getHttpStatusCode() != 404) {
      check(response, "delete", name);
    }
  }

  private T check(KubernetesApiResponse<T> response, String verb, String name) {
    if (response.isSuccess()) {
      return response.getObject();
    }
    V1Status status = response.getStatus();
    String reason = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
    throw new KubeApiException(
        response.getHttpStatusCode(), "cannot " + verb + " " + kind + " " + name + reason);
  }
}
