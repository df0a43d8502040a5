package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes {@code metadata} fields of an object tree. */
public final class Meta {

  private Meta() {}

  public static JsonObject metadata(JsonObject object) {
    JsonElement m = object.get("metadata");
    if (m == null || !m.isJsonObject()) {
      JsonObject fresh = new JsonObject();
      object.add("metadata", fresh);
      return fresh;
    }
    return m.getAsJsonObject();
  }

  public static String string(JsonObject object, String field) {
    JsonElement m = object.get("metadata");
    if (m == null || !m.isJsonObject()) {
      return "";
    }
    JsonElement v = m.getAsJsonObject().get(field);
    return v != null && v.isJsonPrimitive() ? v.getAsString() : "";
  }

  public static String name(JsonObject object) {
    return string(object, "name");
  }

  public static String namespace(JsonObject object) {
    return string(object, "namespace");
  }

  public static String uid(JsonObject object) {
    return string(object, "uid");
  }

  public static String resourceVersion(JsonObject object) {
    return string(object, "resourceVersion");
  }

  public static boolean isDeleting(JsonObject object) {
    return !string(object, "deletionTimestamp").isEmpty();
  }

  public static long generation(JsonObject object) {
    JsonElement g = metadata(object).get("generation");
    return g != null && g.isJsonPrimitive() ? g.getAsLong() : 0;
  }

  public static Map<String, String> labels(JsonObject object) {
    Map<String, String> labels = new LinkedHashMap<>();
    JsonElement m = object.get("metadata");
    if (m != null && m.isJsonObject()) {
      JsonElement l = m.getAsJsonObject().get("labels");
      if (l != null && l.isJsonObject()) {
        l.getAsJsonObject()
            .entrySet()
            .forEach(
                e ->
                    labels.put(
                        e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
      }
    }
    return labels;
  }

  public static List<String> finalizers(JsonObject object) {
    List<String> result = new ArrayList<>();
    JsonElement f = metadata(object).get("finalizers");
    if (f != null && f.isJsonArray()) {
      f.getAsJsonArray().forEach(e -> result.add(e.getAsString()));
    }
    return result;
  }

  public static void setFinalizers(JsonObject object, List<String> finalizers) {
    if (finalizers.isEmpty()) {
      metadata(object).remove("finalizers");
      return;
    }
    JsonArray array = new JsonArray();
    finalizers.forEach(array::add);
    metadata(object).add("finalizers", array);
  }

  /** RFC 3339 UTC with seconds precision, as Kubernetes renders metav1.Time. */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
