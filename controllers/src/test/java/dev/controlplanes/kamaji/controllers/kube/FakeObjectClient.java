package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.common.KubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory API server for one kind, with resourceVersion preconditions and a cache that can lag
 * behind (for unit tests of {@link ObjectWriter} only).
 */
public final class FakeObjectClient<T extends KubernetesObject> implements ObjectClient<T> {

  private final Class<T> type;
  public final Map<String, T> stored = new ConcurrentHashMap<>();
  final Map<String, T> cache = new ConcurrentHashMap<>();
  public final List<String> writes = new ArrayList<>();
  public int liveReads;
  int conflictsToInject;
  private long revision = 100;

  public FakeObjectClient(Class<T> type) {
    this.type = type;
  }

  /** Makes the cache catch up with the store, as an informer would. */
  public void sync() {
    cache.clear();
    stored.forEach((k, v) -> cache.put(k, KubeJson.copy(v, type)));
  }

  @Override
  public String kind() {
    return type.getSimpleName();
  }

  @Override
  public Optional<T> cached(String namespace, String name) {
    return Optional.ofNullable(cache.get(namespace + "/" + name)).map(o -> KubeJson.copy(o, type));
  }

  @Override
  public List<T> cachedList() {
    return List.copyOf(cache.values());
  }

  @Override
  public Optional<T> live(String namespace, String name) {
    liveReads++;
    return Optional.ofNullable(stored.get(namespace + "/" + name)).map(o -> KubeJson.copy(o, type));
  }

  @Override
  public synchronized T create(T object) {
    String key = key(object);
    if (stored.containsKey(key)) {
      throw new KubeApiException(409, "already exists");
    }
    writes.add("create " + key);
    object.getMetadata().setResourceVersion(Long.toString(++revision));
    stored.put(key, KubeJson.copy(object, type));
    return object;
  }

  @Override
  public synchronized T update(T object) {
    String key = key(object);
    T current = stored.get(key);
    if (current == null) {
      throw new KubeApiException(404, "not found");
    }
    if (conflictsToInject > 0) {
      conflictsToInject--;
      // someone else wrote in between
      current.getMetadata().setResourceVersion(Long.toString(++revision));
    }
    if (!current
        .getMetadata()
        .getResourceVersion()
        .equals(object.getMetadata().getResourceVersion())) {
      throw new KubeApiException(409, "conflict");
    }
    writes.add("update " + key);
    object.getMetadata().setResourceVersion(Long.toString(++revision));
    stored.put(key, KubeJson.copy(object, type));
    return object;
  }

  @Override
  public T updateStatus(T object) {
    return update(object);
  }

  @Override
  public synchronized void delete(String namespace, String name) {
    writes.add("delete " + namespace + "/" + name);
    stored.remove(namespace + "/" + name);
  }

  private static String key(KubernetesObject o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}
