package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * kube's bridge between client-side apply's {@code last-applied-configuration} annotation and
 * server-side apply, active only for the manager {@value #KUBECTL}: conflicts on fields that the
 * annotation lists with their live value are allowed (the fields were applied by kubectl before),
 * and when the annotation survives an apply it is rewritten to the new configuration.
 */
final class LastApplied {

  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
  static final String KUBECTL = "kubectl";

  private LastApplied() {}

  /**
   * The fields of the last-applied configuration that still hold the applied value in {@code live},
   * or null when there is no usable annotation.
   */
  static FieldSet unchangedFields(JsonObject live, TypeNode root, String apiVersion) {
    String text = annotation(live);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      JsonElement parsed = GoJson.parseStrict(text.strip());
      if (!parsed.isJsonObject()) {
        return null;
      }
      JsonObject lastApplied = parsed.getAsJsonObject();
      JsonElement version = lastApplied.get("apiVersion");
      if (version == null
          || !version.isJsonPrimitive()
          || !apiVersion.equals(version.getAsString())) {
        return null;
      }
      Comparison cmp = Comparer.compare(lastApplied, live, root);
      return FieldSets.of(lastApplied, root, true)
          .difference(cmp.modified())
          .difference(cmp.added())
          .difference(cmp.removed());
    } catch (IllegalArgumentException | ApplyException unusable) {
      return null;
    }
  }

  /** Rewrites an existing non-empty annotation of {@code result} to the applied configuration. */
  static void refresh(JsonObject result, JsonObject config) {
    String current = annotation(result);
    if (current == null || current.isEmpty()) {
      return;
    }
    JsonObject recorded = config.deepCopy();
    JsonObject annotations = annotations(recorded);
    if (annotations != null) {
      annotations.remove(ANNOTATION);
    }
    annotations(result).addProperty(ANNOTATION, GoJson.write(recorded) + "\n");
  }

  private static String annotation(JsonObject object) {
    JsonObject annotations = annotations(object);
    JsonElement value = annotations == null ? null : annotations.get(ANNOTATION);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static JsonObject annotations(JsonObject object) {
    JsonElement metadata = object.get("metadata");
    if (metadata == null || !metadata.isJsonObject()) {
      return null;
    }
    JsonElement annotations = metadata.getAsJsonObject().get("annotations");
    return annotations != null && annotations.isJsonObject() ? annotations.getAsJsonObject() : null;
  }
}
