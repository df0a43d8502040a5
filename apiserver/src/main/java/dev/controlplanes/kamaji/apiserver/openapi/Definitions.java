package dev.controlplanes.kamaji.apiserver.openapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** Completes a document's definitions with exactly the library definitions it references. */
final class Definitions {

  private Definitions() {}

  /**
   * Our own definitions plus every library definition reachable from {@code paths} or from them.
   *
   * @throws IllegalStateException on a reference to a definition neither map holds
   */
  static Map<String, JsonObject> resolve(
      JsonObject paths,
      Map<String, JsonObject> own,
      Map<String, JsonObject> library,
      OpenApiDialect dialect) {
    Map<String, JsonObject> result = new TreeMap<>(own);
    Deque<JsonElement> pending = new ArrayDeque<>();
    pending.add(paths);
    pending.addAll(own.values());
    while (!pending.isEmpty()) {
      JsonElement element = pending.pop();
      if (element.isJsonArray()) {
        element.getAsJsonArray().forEach(pending::push);
      } else if (element.isJsonObject()) {
        JsonObject object = element.getAsJsonObject();
        String name = referencedName(object, dialect);
        if (name != null && !result.containsKey(name)) {
          JsonObject definition = library.get(name);
          if (definition == null) {
            throw new IllegalStateException("reference to unknown definition " + name);
          }
          result.put(name, definition);
          pending.push(definition);
        }
        object.entrySet().forEach(entry -> pending.push(entry.getValue()));
      }
    }
    return result;
  }

  private static String referencedName(JsonObject object, OpenApiDialect dialect) {
    JsonElement ref = object.get("$ref");
    if (ref == null || !ref.isJsonPrimitive()) {
      return null;
    }
    String name = dialect.definitionNameOf(ref.getAsString());
    if (name == null) {
      throw new IllegalStateException("reference outside the definitions: " + ref);
    }
    return name;
  }
}
