package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant reads of a JSON tree: a value of an unexpected type reads as absent, because schema
 * validation reports type problems separately and the rules must not fail on them.
 */
final class Nodes {

  private Nodes() {}

  /** The element at {@code path} below {@code root}, or null when absent or JSON null. */
  static JsonElement get(JsonObject root, String... path) {
    JsonElement current = root;
    for (String name : path) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.get(name);
    }
    return current == null || current.isJsonNull() ? null : current;
  }

  static JsonObject object(JsonObject root, String... path) {
    return get(root, path) instanceof JsonObject o ? o : null;
  }

  static JsonArray array(JsonObject root, String... path) {
    return get(root, path) instanceof JsonArray a ? a : null;
  }

  /** The string at {@code path}, or null when absent or not a string. */
  static String string(JsonObject root, String... path) {
    return asString(get(root, path));
  }

  /** The whole number at {@code path}, or null when absent or not a whole number. */
  static Long integer(JsonObject root, String... path) {
    JsonElement e = get(root, path);
    if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      try {
        return e.getAsBigDecimal().longValueExact();
      } catch (ArithmeticException ex) {
        return null;
      }
    }
    return null;
  }

  static boolean present(JsonObject root, String... path) {
    return get(root, path) != null;
  }

  /** True when the string at {@code path} is present and not empty. */
  static boolean hasText(JsonObject root, String... path) {
    String s = string(root, path);
    return s != null && !s.isEmpty();
  }

  static String asString(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
        ? e.getAsString()
        : null;
  }

  /** The string items of a list, by position; non-string items read as null. */
  static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(e -> out.add(asString(e)));
    }
    return out;
  }
}
