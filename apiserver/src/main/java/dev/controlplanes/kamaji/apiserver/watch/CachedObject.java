package dev.controlplanes.kamaji.apiserver.watch;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import java.util.Map;

/**
 * One state of one object in the watch cache and history: its JSON (with resourceVersion), encoded
 * once per change, and the few fields lists and watches filter on. Keeping bytes rather than object
 * trees keeps the cache and the history small (a TenantControlPlane with full status is about 8 KiB
 * of JSON but about 175 gson objects as a tree) and lets lists and watch frames copy the object
 * without re-encoding it.
 */
public record CachedObject(
    String namespace, String name, Map<String, String> labels, long revision, byte[] json) {

  /** The cache entry of an object decoded from the store (its resourceVersion set). */
  static CachedObject of(JsonObject object) {
    return new CachedObject(
        Meta.namespace(object),
        Meta.name(object),
        Map.copyOf(Meta.labels(object)),
        Long.parseLong(Meta.resourceVersion(object)),
        Codec.toJsonBytes(object, false));
  }

  /** Whether the object passes the label and field selectors of {@code query}. */
  public boolean matches(ListQuery query) {
    return query.matches(namespace, name, labels);
  }

  /** A fresh, mutable tree of the object, for the rare consumers that need one. */
  public JsonObject tree() {
    return Codec.parseJson(json).getAsJsonObject();
  }
}
