package dev.controlplanes.kamaji.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The model has exactly the properties of the served schemas, at every level of our own types
 * (embedded Kubernetes types are client-java's and not checked here).
 */
class SchemaCoverageTest {

  @Test
  void tenantControlPlaneMatchesItsSchema() throws IOException {
    assertThat(mismatches(schema("tenantcontrolplane.json"), TenantControlPlane.class, ""))
        .isEmpty();
  }

  @Test
  void dataStoreMatchesItsSchema() throws IOException {
    assertThat(mismatches(schema("datastore.json"), DataStore.class, "")).isEmpty();
  }

  private static List<String> mismatches(JsonObject schema, Class<?> type, String path) {
    List<String> out = new ArrayList<>();
    JsonObject properties = schema.getAsJsonObject("properties");
    Set<String> fromSchema = new TreeSet<>(properties.keySet());
    Set<String> fromModel = new TreeSet<>();
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      SerializedName name = f.getAnnotation(SerializedName.class);
      String json = name == null ? f.getName() : name.value();
      fromModel.add(json);
      if (!properties.has(json)) {
        continue;
      }
      JsonObject node = properties.getAsJsonObject(json);
      Class<?> target = ownType(f.getGenericType());
      if (node.has("items")) {
        node = node.getAsJsonObject("items");
      }
      if (target != null) {
        if (node.has("properties")) {
          out.addAll(mismatches(node, target, path + "/" + json));
        } else {
          out.add(path + "/" + json + ": schema has no properties for " + target.getSimpleName());
        }
      }
    }
    for (String p : fromSchema) {
      if (!fromModel.contains(p)) {
        out.add(path + "/" + p + ": missing in " + type.getSimpleName());
      }
    }
    for (String p : fromModel) {
      if (!fromSchema.contains(p)) {
        out.add(path + "/" + p + ": not in the schema (" + type.getSimpleName() + ")");
      }
    }
    return out;
  }

  /** The model class a field holds (directly or as list element), or null for other types. */
  private static Class<?> ownType(Type t) {
    if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
      t = p.getActualTypeArguments()[0];
    }
    if (t instanceof Class<?> c && c.getPackage() == TenantControlPlane.class.getPackage()) {
      return c;
    }
    return null;
  }

  private static JsonObject schema(String name) throws IOException {
    try (InputStream in =
        SchemaCoverageTest.class.getResourceAsStream(
            "/dev/controlplanes/kamaji/api/schemas/" + name)) {
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
    }
  }
}
