package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.common.KubernetesObject;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes of one kind in the management cluster. Reads normally come from an informer
 * cache; {@link #live} goes to the API server for the few places that must not act on a stale copy
 * (conflict retries, the reconciled object itself).
 */
public interface ObjectClient<T extends KubernetesObject> {

  /** The kind, for messages. */
  String kind();

  /** The cached copy, if the informer has seen the object. Never mutate it. */
  Optional<T> cached(String namespace, String name);

  /** Every cached object of the kind. Never mutate them. */
  List<T> cachedList();

  /** An uncached read. */
  Optional<T> live(String namespace, String name);

  /** Throws {@link KubeApiException} with code 409 if the object already exists. */
  T create(T object);

  /** Throws {@link KubeApiException} with code 409 on a stale resourceVersion. */
  T update(T object);

  /** Writes the status subresource; 409 on a stale resourceVersion. */
  T updateStatus(T object);

  /** Deletes with background propagation; a missing object is not an error. */
  void delete(String namespace, String name);
}
