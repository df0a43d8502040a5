package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Structural schemas of the Kubernetes types our kinds embed ({@code V1Container}, {@code
 * V1Affinity}, ...), read from client-java's models of the Kubernetes version we serve.
 *
 * <p>A CRD generated from Kamaji's Go types carries the full schema of every embedded type, so
 * kube-apiserver prunes and, under {@code fieldValidation=Strict}, rejects unknown fields inside
 * them; client-java refuses to decode such fields at all. The models know every field's JSON name,
 * type and whether it is required, which is what pruning, strict checking and type validation need.
 * The field descriptions come from the models' annotations, so {@code kubectl explain} can show
 * them. Defaults and the list-merge markers of the Go types are not in the models; lists stay
 * atomic and structs granular, as for any field without markers.
 */
public final class KubernetesTypeSchemas {

  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  private KubernetesTypeSchemas() {}

  /**
   * The schema of the client-java model {@code modelName} (such as {@code V1Container}).
   *
   * @throws IllegalArgumentException when there is no such model
   */
  public static JsonObject of(String modelName) {
    Class<?> model;
    try {
      model = Class.forName(MODELS + modelName);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no client-java model named " + modelName, e);
    }
    return object(model, new ArrayDeque<>());
  }

  /**
   * Completes, in place, every node of {@code document} that names an embedded Kubernetes type
   * ({@code x-kamaji-kubernetes-type}): the type's fields join the node's own {@code properties}
   * (the node's win), its required fields join the node's, and the node no longer preserves unknown
   * fields.
   */
  public static void expandEmbedded(JsonObject document) {
    String modelName =
        document.has(Schema.KUBERNETES_TYPE)
            ? document.get(Schema.KUBERNETES_TYPE).getAsString()
            : null;
    if (modelName != null) {
      JsonObject model = of(modelName);
      JsonObject properties = model.getAsJsonObject("properties");
      if (document.has("properties")) {
        document
            .getAsJsonObject("properties")
            .entrySet()
            .forEach(e -> properties.add(e.getKey(), e.getValue()));
      }
      document.add("properties", properties);
      TreeSet<String> required = new TreeSet<>();
      for (JsonObject source : List.of(model, document)) {
        if (source.has("required")) {
          source.getAsJsonArray("required").forEach(r -> required.add(r.getAsString()));
        }
      }
      putRequired(document, required);
      document.remove("x-kubernetes-preserve-unknown-fields");
      return;
    }
    if (document.has("properties")) {
      document
          .getAsJsonObject("properties")
          .entrySet()
          .forEach(e -> expandEmbedded(e.getValue().getAsJsonObject()));
    }
    for (String child : List.of("items", "additionalProperties")) {
      if (document.get(child) instanceof JsonObject node) {
        expandEmbedded(node);
      }
    }
  }

  private static JsonObject object(Class<?> model, Deque<Class<?>> enclosing) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", "object");
    if (enclosing.contains(model)) {
      // A recursive type (none of the embedded ones is today): keep the inner level as it comes.
      schema.addProperty("x-kubernetes-preserve-unknown-fields", true);
      return schema;
    }
    enclosing.push(model);
    Map<String, JsonObject> properties = new TreeMap<>();
    for (Field field : model.getDeclaredFields()) {
      SerializedName name = field.getAnnotation(SerializedName.class);
      if (name != null && !Modifier.isStatic(field.getModifiers())) {
        JsonObject property = forType(field.getGenericType(), enclosing);
        String description = description(model, field);
        if (description != null) {
          property.addProperty("description", description);
        }
        properties.put(name.value(), property);
      }
    }
    enclosing.pop();
    JsonObject props = new JsonObject();
    properties.forEach(props::add);
    schema.add("properties", props);
    putRequired(schema, requiredFields(model));
    return schema;
  }

  private static JsonObject forType(Type type, Deque<Class<?>> enclosing) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        JsonObject schema = typed("array");
        schema.add("items", forType(arguments[0], enclosing));
        return schema;
      }
      if (Map.class.isAssignableFrom(raw)) {
        JsonObject schema = typed("object");
        schema.add("additionalProperties", forType(arguments[1], enclosing));
        return schema;
      }
      throw new IllegalStateException("unexpected generic type in a client-java model: " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class || c.isEnum()) {
      return typed("string");
    }
    if (c == Integer.class || c == Long.class) {
      return formatted("integer", c == Integer.class ? "int32" : "int64");
    }
    if (c == Boolean.class) {
      return typed("boolean");
    }
    if (Number.class.isAssignableFrom(c)) {
      return typed("number");
    }
    if (c == OffsetDateTime.class) {
      return formatted("string", "date-time");
    }
    if (c == byte[].class) {
      return formatted("string", "byte");
    }
    if (c == IntOrString.class || c == Quantity.class) {
      // Both accept a number or a string, as the CRD generator declares them.
      JsonObject schema = new JsonObject();
      schema.addProperty("x-kubernetes-int-or-string", true);
      return schema;
    }
    if (c == Object.class) {
      JsonObject schema = new JsonObject();
      schema.addProperty("x-kubernetes-preserve-unknown-fields", true);
      return schema;
    }
    if (c.getName().startsWith(MODELS)) {
      return object(c, enclosing);
    }
    throw new IllegalStateException("unexpected field type in a client-java model: " + c);
  }

  /**
   * The field's documentation, which client-java keeps on its getter; for a field of another model
   * type that has none there, the documentation of that type, as {@code kubectl explain} shows it.
   */
  private static String description(Class<?> model, Field field) {
    String javaName = field.getName();
    String getter = "get" + Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
    try {
      ApiModelProperty property = model.getMethod(getter).getAnnotation(ApiModelProperty.class);
      if (property != null && !property.value().isEmpty()) {
        return property.value();
      }
    } catch (NoSuchMethodException e) {
      // no getter: fall back to the type's documentation
    }
    Type type = field.getGenericType();
    if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      type = arguments[arguments.length - 1];
    }
    ApiModel documented = type instanceof Class<?> c ? c.getAnnotation(ApiModel.class) : null;
    return documented == null || documented.description().isEmpty()
        ? null
        : documented.description();
  }

  private static Collection<String> requiredFields(Class<?> model) {
    try {
      Field field = model.getDeclaredField("openapiRequiredFields");
      Object value = field.get(null);
      TreeSet<String> required = new TreeSet<>();
      if (value instanceof Collection<?> names) {
        names.forEach(n -> required.add(n.toString()));
      }
      return required;
    } catch (NoSuchFieldException | IllegalAccessException e) {
      return List.of();
    }
  }

  /** Sets {@code required} to {@code names}, or leaves it out when there are none. */
  private static void putRequired(JsonObject schema, Collection<String> names) {
    if (!names.isEmpty()) {
      JsonArray array = new JsonArray();
      names.forEach(array::add);
      schema.add("required", array);
    }
  }

  private static JsonObject typed(String type) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", type);
    return schema;
  }

  private static JsonObject formatted(String type, String format) {
    JsonObject schema = typed(type);
    schema.addProperty("format", format);
    return schema;
  }
}
