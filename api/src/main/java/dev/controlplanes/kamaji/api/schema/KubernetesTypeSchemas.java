package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
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
import java.util.Set;
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
 * them. The Go types' defaults and merge markers are not in the models: {@link #DEFAULTS}, {@link
 * #LIST_MARKERS} and {@link #ATOMIC_STRUCTS} carry those of Kamaji's generated CRD.
 */
public final class KubernetesTypeSchemas {

  private static final String MODELS = "io.kubernetes.client.openapi.models.";
  private static final String MAP_TYPE = "x-kubernetes-map-type";

  /**
   * The declared defaults of the embedded types' fields ({@code +default} of k8s.io/api), by model
   * and JSON field. A CRD applies them when an object is written, as for any field of ours.
   */
  private static final Map<String, JsonElement> DEFAULTS =
      Map.ofEntries(
          Map.entry("V1AzureDiskVolumeSource.fsType", new JsonPrimitive("ext4")),
          Map.entry("V1AzureDiskVolumeSource.readOnly", new JsonPrimitive(false)),
          Map.entry("V1ConfigMapEnvSource.name", new JsonPrimitive("")),
          Map.entry("V1ConfigMapKeySelector.name", new JsonPrimitive("")),
          Map.entry("V1ConfigMapProjection.name", new JsonPrimitive("")),
          Map.entry("V1ConfigMapVolumeSource.name", new JsonPrimitive("")),
          Map.entry("V1ContainerPort.protocol", new JsonPrimitive("TCP")),
          Map.entry("V1FileKeySelector.optional", new JsonPrimitive(false)),
          Map.entry("V1GRPCAction.service", new JsonPrimitive("")),
          Map.entry("V1ISCSIVolumeSource.iscsiInterface", new JsonPrimitive("default")),
          Map.entry("V1LocalObjectReference.name", new JsonPrimitive("")),
          Map.entry("V1RBDVolumeSource.keyring", new JsonPrimitive("/etc/ceph/keyring")),
          Map.entry("V1RBDVolumeSource.pool", new JsonPrimitive("rbd")),
          Map.entry("V1RBDVolumeSource.user", new JsonPrimitive("admin")),
          Map.entry("V1ScaleIOVolumeSource.fsType", new JsonPrimitive("xfs")),
          Map.entry("V1ScaleIOVolumeSource.storageMode", new JsonPrimitive("ThinProvisioned")),
          Map.entry("V1SecretEnvSource.name", new JsonPrimitive("")),
          Map.entry("V1SecretKeySelector.name", new JsonPrimitive("")),
          Map.entry("V1SecretProjection.name", new JsonPrimitive("")));

  /**
   * The lists of the embedded types that are not atomic, by model and JSON field, with their
   * markers as Kamaji's generated CRD has them ({@code +listType} and {@code +listMapKey} of
   * k8s.io/api). Every other list of an embedded type is atomic.
   */
  private static final Map<String, JsonObject> LIST_MARKERS =
      Map.of(
          "V1Container.env", mapList("name"),
          "V1Container.ports", mapList("containerPort", "protocol"),
          "V1Container.volumeDevices", mapList("devicePath"),
          "V1Container.volumeMounts", mapList("mountPath"),
          "V1ResourceRequirements.claims", mapList("name"),
          "V1ContainerRestartRuleOnExitCodes.values", setList());

  /**
   * The embedded types that server-side apply treats as a whole ({@code +structType=atomic} of
   * k8s.io/api, or inlined from such a type, as in Kamaji's generated CRD).
   */
  private static final Set<String> ATOMIC_STRUCTS =
      Set.of(
          "V1ConfigMapEnvSource",
          "V1ConfigMapKeySelector",
          "V1ConfigMapProjection",
          "V1ConfigMapVolumeSource",
          "V1FileKeySelector",
          "V1LabelSelector",
          "V1LocalObjectReference",
          "V1NodeSelector",
          "V1NodeSelectorTerm",
          "V1ObjectFieldSelector",
          "V1ResourceFieldSelector",
          "V1SecretEnvSource",
          "V1SecretKeySelector",
          "V1SecretProjection",
          "V1TypedLocalObjectReference");

  /**
   * Fields of Kamaji's generated CRD that client-java's models (Kubernetes 1.34) do not have yet,
   * by model and JSON field, with the CRD's schema. Clients built on these models read objects that
   * carry them through {@link dev.controlplanes.kamaji.api.json.LenientModels}.
   */
  private static final Map<String, JsonObject> NEWER_FIELDS =
      Map.of(
          "V1PodCertificateProjection.userAnnotations",
          stringMap(
              "userAnnotations allow pod authors to pass additional information to\n"
                  + "the signer implementation.  Kubernetes does not restrict or validate this\n"
                  + "metadata in any way.\n\n"
                  + "These values are copied verbatim into the `spec.unverifiedUserAnnotations`"
                  + " field of\nthe PodCertificateRequest objects that Kubelet creates.\n\n"
                  + "Entries are subject to the same validation as object metadata annotations,\n"
                  + "with the addition that all keys must be domain-prefixed. No restrictions\n"
                  + "are placed on values, except an overall size limitation on the entire"
                  + " field.\n\n"
                  + "Signers should document the keys and values they support. Signers should\n"
                  + "deny requests that contain keys they do not recognize."));

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
   * (the node's win), its required fields join the node's, it takes the type's {@code
   * x-kubernetes-map-type}, and it no longer preserves unknown fields.
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
      if (model.has(MAP_TYPE) && !document.has(MAP_TYPE)) {
        document.add(MAP_TYPE, model.get(MAP_TYPE));
      }
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
        String key = model.getSimpleName() + "." + name.value();
        JsonElement fallback = DEFAULTS.get(key);
        if (fallback != null) {
          property.add("default", fallback.deepCopy());
        }
        JsonObject markers = LIST_MARKERS.get(key);
        if (markers != null) {
          markers.entrySet().forEach(e -> property.add(e.getKey(), e.getValue().deepCopy()));
        }
        String description = description(model, field);
        if (description != null) {
          property.addProperty("description", description);
        }
        properties.put(name.value(), property);
      }
    }
    enclosing.pop();
    String prefix = model.getSimpleName() + ".";
    NEWER_FIELDS.forEach(
        (key, property) -> {
          if (key.startsWith(prefix)) {
            properties.putIfAbsent(key.substring(prefix.length()), property.deepCopy());
          }
        });
    JsonObject props = new JsonObject();
    properties.forEach(props::add);
    schema.add("properties", props);
    putRequired(schema, requiredFields(model));
    if (ATOMIC_STRUCTS.contains(model.getSimpleName())) {
      schema.addProperty(MAP_TYPE, "atomic");
    }
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

  private static JsonObject mapList(String... keys) {
    JsonObject markers = new JsonObject();
    markers.addProperty("x-kubernetes-list-type", "map");
    JsonArray array = new JsonArray();
    for (String key : keys) {
      array.add(key);
    }
    markers.add("x-kubernetes-list-map-keys", array);
    return markers;
  }

  private static JsonObject stringMap(String description) {
    JsonObject schema = typed("object");
    schema.add("additionalProperties", typed("string"));
    schema.addProperty("description", description);
    return schema;
  }

  private static JsonObject setList() {
    JsonObject markers = new JsonObject();
    markers.addProperty("x-kubernetes-list-type", "set");
    return markers;
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
