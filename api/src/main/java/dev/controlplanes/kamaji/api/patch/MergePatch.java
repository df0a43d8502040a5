package dev.controlplanes.kamaji.api.patch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch ({@code application/merge-patch+json}).
 *
 * <p>A {@code null} member deletes the key, objects merge recursively, anything else (arrays
 * included) replaces the target value. Pure: the target is never modified.
 *
 * <p>One deliberate choice follows kube-apiserver (evanphx/json-patch) rather than the RFC's
 * letter: a patch document that is {@code null} or a scalar is {@link
 * PatchException.Reason#MALFORMED MALFORMED} (kube: 400 {@code Invalid JSON Patch}) instead of
 * replacing the whole object. A top-level array patch replaces the target as the RFC says; the
 * caller then fails to decode it as an object, as kube does.
 */
public final class MergePatch {

  private MergePatch() {}

  /** Returns {@code target} (a copy) merged with {@code patch}. */
  public static JsonElement apply(JsonElement target, JsonElement patch) {
    if (patch == null || patch.isJsonNull() || patch.isJsonPrimitive()) {
      throw PatchException.malformed("Invalid JSON Patch");
    }
    if (patch.isJsonArray()) {
      return patch.deepCopy();
    }
    JsonObject base =
        target != null && target.isJsonObject()
            ? target.getAsJsonObject().deepCopy()
            : new JsonObject();
    return merge(base, patch.getAsJsonObject());
  }

  /** Merges {@code patch} into {@code target} in place; target is already a private copy. */
  private static JsonObject merge(JsonObject target, JsonObject patch) {
    for (Map.Entry<String, JsonElement> e : patch.entrySet()) {
      String key = e.getKey();
      JsonElement value = e.getValue();
      if (value.isJsonNull()) {
        target.remove(key);
      } else if (value.isJsonObject()) {
        JsonElement current = target.get(key);
        JsonObject base =
            current != null && current.isJsonObject()
                ? current.getAsJsonObject()
                : new JsonObject();
        target.add(key, merge(base, value.getAsJsonObject()));
      } else {
        target.add(key, value.deepCopy());
      }
    }
    return target;
  }
}
