package dev.controlplanes.kamaji.apiserver.table;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads simple dotted JSONPaths ({@code .spec.kubernetes.version}), as printer columns use. */
public final class JsonPaths {

  private JsonPaths() {}

  public static JsonElement read(JsonObject object, String path) {
    JsonElement current = object;
    for (String part : path.substring(path.startsWith(".") ? 1 : 0).split("\\.")) {
      if (current == null || !current.isJsonObject()) {
        return null;
      }
      current = current.getAsJsonObject().get(part);
    }
    return current;
  }
}
