package dev.controlplanes.kamaji.apiserver.watch;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import java.util.Map;

/**
 * The current state of one object in the watch cache: its JSON (with resourceVersion), encoded once
 * per change, and the few fields lists filter on. Keeping bytes rather than object trees keeps the
 * cache small and lets JSON lists copy items without re-encoding them.
 */
public record CachedObject(String namespace, String name, Map<String, String> labels, byte[] json) {

  static CachedObject of(JsonObject object) {
    return new CachedObject(
        Meta.namespace(object),
        Meta.name(object),
        Map.copyOf(Meta.labels(object)),
        Codec.toJsonBytes(object, false));
  }
}
