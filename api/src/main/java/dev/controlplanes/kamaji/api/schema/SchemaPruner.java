package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drops the fields a structural schema does not declare, as the apiextensions server prunes custom
 * resources.
 *
 * <p>Rules: an object keeps only its declared {@code properties}, unless it has {@code
 * additionalProperties} (a map) or {@code x-kubernetes-preserve-unknown-fields: true}, in which
 * case unknown fields are kept untouched. Declared fields and list items are pruned recursively. At
 * the top level (and in embedded resources) {@code apiVersion} and {@code kind} are kept and {@code
 * metadata} is reduced to the standard {@link ObjectMetaFields}.
 *
 * <p>The returned paths name every removed field in document order (such as {@code spec.bogus}),
 * which is what the server reports for {@code fieldValidation=Strict} or {@code Warn}.
 */
public final class SchemaPruner {

  private SchemaPruner() {}

  /**
   * Prunes {@code object} in place against {@code schema}, the schema of the whole object.
   *
   * @return the paths of the removed fields, empty when nothing was removed
   */
  public static List<String> prune(JsonObject object, Schema schema) {
    if (!hasUndeclared(object, schema, true)) {
      // The common case (every object read from storage): no paths to build, nothing to copy.
      return List.of();
    }
    List<String> removed = new ArrayList<>();
    pruneObject(object, schema, null, true, removed);
    return removed;
  }

  private static void prune(JsonElement value, Schema schema, FieldPath path, List<String> out) {
    if (value instanceof JsonObject object) {
      pruneObject(object, schema, path, schema.embeddedResource(), out);
    } else if (value instanceof JsonArray array && schema.items() != null) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), schema.items(), path.index(i), out);
      }
    }
  }

  private static void pruneObject(
      JsonObject object, Schema schema, FieldPath path, boolean resource, List<String> out) {
    for (String name : List.copyOf(object.keySet())) {
      FieldPath child = path == null ? FieldPath.root(name) : path.child(name);
      if (resource && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      if (resource && name.equals("metadata")) {
        pruneMetadata(object.get(name), child, out);
        continue;
      }
      Schema declared = schema.properties().get(name);
      if (declared != null) {
        prune(object.get(name), declared, child, out);
      } else if (schema.additionalProperties() != null) {
        prune(object.get(name), schema.additionalProperties(), keyPath(path, name), out);
      } else if (!schema.preservesUnknownFields()) {
        object.remove(name);
        out.add(child.toString());
      }
    }
  }

  /** Whether pruning would remove anything, decided without allocating. */
  private static boolean hasUndeclared(JsonElement value, Schema schema) {
    if (value instanceof JsonObject object) {
      return hasUndeclared(object, schema, schema.embeddedResource());
    }
    if (value instanceof JsonArray array && schema.items() != null) {
      for (JsonElement item : array) {
        if (hasUndeclared(item, schema.items())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasUndeclared(JsonObject object, Schema schema, boolean resource) {
    for (Map.Entry<String, JsonElement> field : object.entrySet()) {
      String name = field.getKey();
      if (resource && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      if (resource && name.equals("metadata")) {
        if (field.getValue() instanceof JsonObject meta
            && !ObjectMetaFields.ALL.containsAll(meta.keySet())) {
          return true;
        }
        continue;
      }
      Schema child = schema.field(name);
      if (child != null) {
        if (hasUndeclared(field.getValue(), child)) {
          return true;
        }
      } else if (!schema.preservesUnknownFields()) {
        return true;
      }
    }
    return false;
  }

  private static void pruneMetadata(JsonElement metadata, FieldPath path, List<String> out) {
    if (metadata instanceof JsonObject meta) {
      for (String name : List.copyOf(meta.keySet())) {
        if (!ObjectMetaFields.ALL.contains(name)) {
          meta.remove(name);
          out.add(path.child(name).toString());
        }
      }
    }
  }

  private static FieldPath keyPath(FieldPath path, String key) {
    return path == null ? FieldPath.root(key) : path.key(key);
  }
}
