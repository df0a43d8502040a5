package dev.controlplanes.kamaji.apiserver.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** Reading JSON trees in assertions: dotted paths, with numeric segments indexing arrays. */
public final class Json {

  private Json() {}

  public static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  /** The element at {@code path} (e.g. {@code metadata.labels}), or null when absent. */
  public static JsonElement at(JsonElement root, String path) {
    JsonElement node = root;
    for (String part : path.split("\\.")) {
      if (node == null || node.isJsonNull()) {
        return null;
      }
      if (node.isJsonArray() && part.matches("[0-9]+")) {
        JsonArray array = node.getAsJsonArray();
        int i = Integer.parseInt(part);
        node = i < array.size() ? array.get(i) : null;
      } else if (node.isJsonObject()) {
        node = node.getAsJsonObject().get(part);
      } else {
        return null;
      }
    }
    return node;
  }

  /** The string at {@code path}, or null when absent. */
  public static String string(JsonElement root, String path) {
    JsonElement e = at(root, path);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  /** The strings of the array at {@code path}; empty when absent. */
  public static List<String> strings(JsonElement root, String path) {
    List<String> out = new ArrayList<>();
    JsonElement e = at(root, path);
    if (e != null && e.isJsonArray()) {
      e.getAsJsonArray()
          .forEach(v -> out.add(v.isJsonPrimitive() ? v.getAsString() : v.toString()));
    }
    return out;
  }

  public static String rv(JsonElement object) {
    return string(object, "metadata.resourceVersion");
  }

  /** The names of the items of a list. */
  public static List<String> names(JsonObject list) {
    List<String> out = new ArrayList<>();
    for (JsonElement item : list.getAsJsonArray("items")) {
      out.add(string(item, "metadata.name"));
    }
    return out;
  }
}
