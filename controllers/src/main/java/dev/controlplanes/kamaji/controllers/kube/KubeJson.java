package dev.controlplanes.kamaji.controllers.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.JSON;
import java.util.Map;
import java.util.TreeMap;

/** client-java objects as JSON trees, through client-java's own Gson (dates, quantities). */
public final class KubeJson {

  private KubeJson() {}

  public static JsonObject tree(Object object) {
    return JSON.getGson().toJsonTree(object).getAsJsonObject();
  }

  public static <T> T object(JsonElement tree, Class<T> type) {
    return JSON.getGson().fromJson(tree, type);
  }

  /** A deep copy through JSON, so cached objects are never mutated. */
  public static <T> T copy(T object, Class<T> type) {
    return object(tree(object), type);
  }

  /** The same tree with object keys sorted at every level, for stable hashing. */
  public static JsonElement canonical(JsonElement element) {
    if (element.isJsonObject()) {
      Map<String, JsonElement> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      JsonObject out = new JsonObject();
      sorted.forEach(out::add);
      return out;
    }
    if (element.isJsonArray()) {
      var out = new com.google.gson.JsonArray();
      element.getAsJsonArray().forEach(e -> out.add(canonical(e)));
      return out;
    }
    return element;
  }

  /**
   * Whether every field of {@code wanted} is present in {@code actual} with the same value. Lists
   * must have the same length and match element by element; fields the API server adds (defaults,
   * allocated ports, cluster IPs) are ignored.
   */
  public static boolean contains(JsonElement actual, JsonElement wanted) {
    if (wanted == null || wanted.isJsonNull()) {
      return true;
    }
    if (actual == null || actual.isJsonNull()) {
      return false;
    }
    if (wanted.isJsonObject()) {
      if (!actual.isJsonObject()) {
        return false;
      }
      JsonObject a = actual.getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : wanted.getAsJsonObject().entrySet()) {
        if (!contains(a.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (wanted.isJsonArray()) {
      if (!actual.isJsonArray()
          || actual.getAsJsonArray().size() != wanted.getAsJsonArray().size()) {
        return false;
      }
      for (int i = 0; i < wanted.getAsJsonArray().size(); i++) {
        if (!contains(actual.getAsJsonArray().get(i), wanted.getAsJsonArray().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (!actual.isJsonPrimitive()) {
      return false;
    }
    var a = actual.getAsJsonPrimitive();
    var w = wanted.getAsJsonPrimitive();
    if (a.isNumber() && w.isNumber()) {
      return a.getAsBigDecimal().compareTo(w.getAsBigDecimal()) == 0;
    }
    return a.equals(w);
  }
}
