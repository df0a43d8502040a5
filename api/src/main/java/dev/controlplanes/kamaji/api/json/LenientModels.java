package dev.controlplanes.kamaji.api.json;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets client-java's models ignore JSON fields they do not know, as Go clients do.
 *
 * <p>client-java's generated models refuse an object with a field their Kubernetes version lacks,
 * whatever {@code JSON.setLenientOnJson} says. A management cluster or a tenant newer than those
 * models (a field added to a Deployment's status, to a SubjectAccessReview) would then fail every
 * informer list and delegated check. Installed, this factory drops such fields before a model reads
 * its JSON: at the outermost model of a read, for the whole subtree, so nested models are not
 * walked again.
 */
public final class LenientModels implements TypeAdapterFactory {

  private static final String MODELS = "io.kubernetes.client.openapi.models.";
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  /** How many model reads of this thread are under way; only the outermost one prunes. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** A model's JSON field names and their Java types. */
  private static final ClassValue<Map<String, Type>> FIELDS =
      new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> model) {
          Map<String, Type> fields = new HashMap<>();
          for (Field f : model.getDeclaredFields()) {
            SerializedName name = f.getAnnotation(SerializedName.class);
            if (name != null && !Modifier.isStatic(f.getModifiers())) {
              fields.put(name.value(), f.getGenericType());
            }
          }
          return Map.copyOf(fields);
        }
      };

  /** Replaces client-java's shared Gson with one that has this factory; once per process. */
  public static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      JSON.setGson(
          JSON.getGson().newBuilder().registerTypeAdapterFactory(new LenientModels()).create());
    }
  }

  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    if (!isModel(type.getRawType())) {
      return null;
    }
    TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
    Class<?> model = type.getRawType();
    return new TypeAdapter<>() {
      @Override
      public void write(JsonWriter out, T value) throws IOException {
        delegate.write(out, value);
      }

      @Override
      public T read(JsonReader in) throws IOException {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
          return delegate.read(in);
        }
        JsonElement tree = JsonParser.parseReader(in);
        prune(tree, model);
        depth[0]++;
        try {
          return delegate.fromJsonTree(tree);
        } finally {
          depth[0]--;
        }
      }
    };
  }

  private static boolean isModel(Class<?> c) {
    return c.getName().startsWith(MODELS) && !c.isEnum();
  }

  /** Removes, in place, the fields of {@code element} that {@code type} does not declare. */
  static void prune(JsonElement element, Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw) && element instanceof JsonArray array) {
        array.forEach(item -> prune(item, arguments[0]));
      } else if (Map.class.isAssignableFrom(raw) && element instanceof JsonObject map) {
        map.entrySet().forEach(e -> prune(e.getValue(), arguments[1]));
      }
      return;
    }
    if (type instanceof Class<?> c && isModel(c) && element instanceof JsonObject object) {
      Map<String, Type> fields = FIELDS.get(c);
      object.entrySet().removeIf(e -> !fields.containsKey(e.getKey()));
      object.entrySet().forEach(e -> prune(e.getValue(), fields.get(e.getKey())));
    }
  }
}
