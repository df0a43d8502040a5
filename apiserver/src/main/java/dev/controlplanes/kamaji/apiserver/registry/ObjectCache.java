package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Optional;

/** An in-memory copy of a resource's current objects that can answer lists (the watch cache). */
public interface ObjectCache {

  /**
   * The objects under {@code keyPrefix} matching {@code query}, from a state at least as new as
   * {@code minRevision}; empty when the cache cannot serve it in time.
   */
  Optional<ListPage> list(String keyPrefix, ListQuery query, long minRevision);

  /**
   * A fresh tree of the cached state of the object at {@code key}, which may lag behind the store;
   * empty when the cache holds none.
   */
  Optional<JsonObject> current(String key);

  /**
   * The cached state of the object at {@code key} as compact JSON, which may lag behind the store;
   * empty when the cache holds none. The bytes are shared: callers must not change them.
   */
  Optional<Encoded> encoded(String key);

  /**
   * An object's JSON (with its resourceVersion), the revision it was written at, and the fields
   * selectors filter on.
   */
  record Encoded(
      long revision, byte[] json, String namespace, String name, Map<String, String> labels) {

    /** Whether the object passes the label and field selectors of {@code query}. */
    public boolean matches(ListQuery query) {
      return query.matches(namespace, name, labels);
    }
  }
}
