package dev.controlplanes.kamaji.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Small edits of JSON trees for table-driven tests: {@code "a.b.c=<json>"} sets a value (creating
 * missing objects), {@code "-a.b.c"} removes it. Values are lenient JSON, so {@code 'x'} is a
 * string.
 */
public final class Edits {

  private Edits() {}

  /** Returns a copy of {@code base} with the edits applied in order. */
  public static JsonObject apply(JsonObject base, String... edits) {
    JsonObject copy = base.deepCopy();
    for (String edit : edits) {
      if (edit.startsWith("-")) {
        String path = edit.substring(1);
        JsonObject parent = parent(copy, path, false);
        if (parent != null) {
          parent.remove(last(path));
        }
      } else {
        int eq = edit.indexOf('=');
        String path = edit.substring(0, eq);
        JsonElement value = JsonParser.parseString(edit.substring(eq + 1));
        parent(copy, path, true).add(last(path), value);
      }
    }
    return copy;
  }

  private static JsonObject parent(JsonObject root, String path, boolean create) {
    String[] names = path.split("\\.");
    JsonObject current = root;
    for (int i = 0; i < names.length - 1; i++) {
      JsonElement next = current.get(names[i]);
      if (!(next instanceof JsonObject)) {
        if (!create) {
          return null;
        }
        next = new JsonObject();
        current.add(names[i], next);
      }
      current = next.getAsJsonObject();
    }
    return current;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
