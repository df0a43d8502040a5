package dev.controlplanes.kamaji.apiserver.registry;

import dev.controlplanes.kamaji.storage.Store;
import java.util.function.Predicate;

/**
 * Whether an object that another object refers to exists, for validation (a TenantControlPlane's
 * DataStore). An object in the watch cache exists; one the cache lacks is looked up in etcd, so a
 * cache that lags behind never rejects a reference to an object just created. As Kamaji's webhook,
 * which reads its manager's cache, a reference to an object deleted a moment ago may still pass.
 */
public final class ReferenceLookup implements Predicate<String> {

  private final Store store;
  private final String keyPrefix;
  private volatile ObjectCache cache;

  /**
   * @param keyPrefix the etcd key of a referenced object is this prefix and its name
   */
  public ReferenceLookup(Store store, String keyPrefix) {
    this.store = store;
    this.keyPrefix = keyPrefix;
  }

  /** Answers from {@code objectCache} from now on, the referenced resource's watch cache. */
  public void useCache(ObjectCache objectCache) {
    this.cache = objectCache;
  }

  @Override
  public boolean test(String name) {
    String key = keyPrefix + name;
    ObjectCache objectCache = cache;
    if (objectCache != null && objectCache.encoded(key).isPresent()) {
      return true;
    }
    return store.get(key).isPresent();
  }
}
