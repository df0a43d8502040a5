package dev.controlplanes.kamaji.controllers.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.JSON;
import java.util.Map;
import java.util.Optional;
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
   * allocated ports, cluster IPs) are ignored. A wanted 0, "" or empty list also matches an absent
   * field: the API server omits them ({@code omitempty}), and client-java models start every list
   * empty, so without this such fields looked changed on every pass. An empty object does not: it
   * can be a choice that must be present ({@code emptyDir: {}}).
   */
  public static boolean contains(JsonElement actual, JsonElement wanted) {
    return firstDifference(actual, wanted, "").isEmpty();
  }

  /**
   * The path of the first field of {@code wanted} that {@code actual} lacks or holds with another
   * value (as {@link #contains} judges), e.g. {@code .spec.ports[0].targetPort}.
   */
  public static Optional<String> firstDifference(
      JsonElement actual, JsonElement wanted, String path) {
    if (wanted == null || wanted.isJsonNull()) {
      return Optional.empty();
    }
    if (actual == null || actual.isJsonNull()) {
      return isZero(wanted) ? Optional.empty() : Optional.of(path);
    }
    if (wanted.isJsonObject()) {
      if (!actual.isJsonObject()) {
        return Optional.of(path);
      }
      JsonObject a = actual.getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : wanted.getAsJsonObject().entrySet()) {
        Optional<String> difference =
            firstDifference(a.get(e.getKey()), e.getValue(), path + "." + e.getKey());
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }
    if (wanted.isJsonArray()) {
      if (!actual.isJsonArray()
          || actual.getAsJsonArray().size() != wanted.getAsJsonArray().size()) {
        return Optional.of(path);
      }
      for (int i = 0; i < wanted.getAsJsonArray().size(); i++) {
        Optional<String> difference =
            firstDifference(
                actual.getAsJsonArray().get(i),
                wanted.getAsJsonArray().get(i),
                path + "[" + i + "]");
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }
    if (!actual.isJsonPrimitive()) {
      return Optional.of(path);
    }
    var a = actual.getAsJsonPrimitive();
    var w = wanted.getAsJsonPrimitive();
    boolean same =
        a.isNumber() && w.isNumber()
            ? a.getAsBigDecimal().compareTo(w.getAsBigDecimal()) == 0
            : a.equals(w);
    return same ? Optional.empty() : Optional.of(path);
  }

  private static boolean isZero(JsonElement value) {
    if (value.isJsonArray()) {
      return value.getAsJsonArray().isEmpty();
    }
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      return value.getAsJsonPrimitive().getAsBigDecimal().signum() == 0;
    }
    return value.isJsonPrimitive()
        && value.getAsJsonPrimitive().isString()
        && value.getAsString().isEmpty();
  }
}
