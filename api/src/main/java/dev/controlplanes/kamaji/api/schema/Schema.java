package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural OpenAPI v3 schema node, as a CRD's {@code openAPIV3Schema} would declare it.
 *
 * <p>One schema per kind drives everything that depends on the shape of an object: pruning and
 * unknown-field detection, defaulting, structural validation, the served OpenAPI documents and the
 * merge rules of server-side apply ({@code x-kubernetes-list-type}, {@code x-kubernetes-map-type}).
 * Instances are immutable; build them with {@link #parse(JsonObject)}.
 */
public final class Schema {

  /** The extension naming the client-java model of an embedded Kubernetes type. */
  public static final String KUBERNETES_TYPE = "x-kamaji-kubernetes-type";

  /** The JSON type of a node; ANY for int-or-string and untyped preserve-unknown nodes. */
  public enum Type {
    OBJECT,
    ARRAY,
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    ANY
  }

  /** How a list merges in server-side apply ({@code x-kubernetes-list-type}). */
  public enum ListType {
    ATOMIC,
    SET,
    MAP
  }

  private final JsonObject source;
  private final Type type;
  private final Map<String, Schema> properties;
  private final Map<String, Schema> propertiesWithDefaults;
  private final Schema additionalProperties;
  private final Schema items;
  private final Set<String> required;
  private final ListType listType;
  private final List<String> listMapKeys;
  private final boolean atomicMap;

  private Schema(JsonObject source) {
    this.source = source;
    this.type = typeOf(source);
    Map<String, Schema> props = new LinkedHashMap<>();
    if (source.has("properties")) {
      for (Map.Entry<String, JsonElement> e : source.getAsJsonObject("properties").entrySet()) {
        props.put(e.getKey(), new Schema(e.getValue().getAsJsonObject()));
      }
    }
    this.properties = Collections.unmodifiableMap(props);
    Map<String, Schema> defaulted = new LinkedHashMap<>();
    props.forEach(
        (name, child) -> {
          if (child.source.has("default")) {
            defaulted.put(name, child);
          }
        });
    this.propertiesWithDefaults = Collections.unmodifiableMap(defaulted);
    JsonElement additional = source.get("additionalProperties");
    this.additionalProperties =
        additional != null && additional.isJsonObject()
            ? new Schema(additional.getAsJsonObject())
            : null;
    this.items = source.has("items") ? new Schema(source.getAsJsonObject("items")) : null;
    this.required = Collections.unmodifiableSet(new LinkedHashSet<>(strings(source, "required")));
    this.listType = listTypeOf(source, type);
    this.listMapKeys = List.copyOf(strings(source, "x-kubernetes-list-map-keys"));
    this.atomicMap = "atomic".equals(string(source, "x-kubernetes-map-type"));
  }

  /** Parses a schema node and all its children. */
  public static Schema parse(JsonObject source) {
    return new Schema(source.deepCopy());
  }

  public Type type() {
    return type;
  }

  /** The properties of an object node in declaration order; empty for other nodes. */
  public Map<String, Schema> properties() {
    return properties;
  }

  /** The declared properties that have a {@code default}, in declaration order. */
  public Map<String, Schema> propertiesWithDefaults() {
    return propertiesWithDefaults;
  }

  /** The schema of map values ({@code additionalProperties}), or null. */
  public Schema additionalProperties() {
    return additionalProperties;
  }

  /** The schema of list items, or null. */
  public Schema items() {
    return items;
  }

  public Set<String> required() {
    return required;
  }

  public String description() {
    return string(source, "description");
  }

  public String format() {
    return string(source, "format");
  }

  public String pattern() {
    return string(source, "pattern");
  }

  /** The declared default, or null. */
  public JsonElement defaultValue() {
    return source.has("default") ? source.get("default").deepCopy() : null;
  }

  /** The allowed values, or an empty list when any value of the type is allowed. */
  public List<JsonElement> enumValues() {
    List<JsonElement> values = new ArrayList<>();
    if (source.has("enum")) {
      source.getAsJsonArray("enum").forEach(v -> values.add(v.deepCopy()));
    }
    return values;
  }

  public Long minItems() {
    return number(source, "minItems");
  }

  public Long maxItems() {
    return number(source, "maxItems");
  }

  public Long minLength() {
    return number(source, "minLength");
  }

  public Long maxLength() {
    return number(source, "maxLength");
  }

  public Long minimum() {
    return number(source, "minimum");
  }

  public Long maximum() {
    return number(source, "maximum");
  }

  public boolean nullable() {
    return bool(source, "nullable");
  }

  /** True when fields not declared here are kept ({@code x-kubernetes-preserve-unknown-fields}). */
  public boolean preservesUnknownFields() {
    return bool(source, "x-kubernetes-preserve-unknown-fields");
  }

  public boolean intOrString() {
    return bool(source, "x-kubernetes-int-or-string");
  }

  public boolean embeddedResource() {
    return bool(source, "x-kubernetes-embedded-resource");
  }

  /** The list merge strategy; lists without a declared type are atomic, as for CRDs. */
  public ListType listType() {
    return listType;
  }

  /** The keys identifying items of a {@link ListType#MAP} list. */
  public List<String> listMapKeys() {
    return listMapKeys;
  }

  /** True when an object or map is replaced as a whole by server-side apply. */
  public boolean atomicMap() {
    return atomicMap;
  }

  /**
   * The client-java model class of an embedded Kubernetes type ({@code x-kamaji-kubernetes-type}),
   * such as {@code V1Container}, or null when the node is not an embedded Kubernetes type.
   */
  public String kubernetesType() {
    return string(source, KUBERNETES_TYPE);
  }

  /** The value of a vendor extension such as {@code x-kubernetes-list-type} (a copy), or null. */
  public JsonElement extension(String name) {
    JsonElement e = source.get(name);
    return e == null ? null : e.deepCopy();
  }

  /** The child schema for an object field or map key, or null when the field is not declared. */
  public Schema field(String name) {
    Schema declared = properties.get(name);
    return declared != null ? declared : additionalProperties;
  }

  /** The OpenAPI JSON this node was parsed from (a copy). */
  public JsonObject toJson() {
    return source.deepCopy();
  }

  private static Type typeOf(JsonObject source) {
    if (bool(source, "x-kubernetes-int-or-string")) {
      return Type.ANY;
    }
    String type = string(source, "type");
    if (type == null) {
      return source.has("properties") || source.has("additionalProperties")
          ? Type.OBJECT
          : Type.ANY;
    }
    return Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
  }

  private static ListType listTypeOf(JsonObject source, Type type) {
    String declared = string(source, "x-kubernetes-list-type");
    if (declared == null) {
      return type == Type.ARRAY ? ListType.ATOMIC : null;
    }
    return ListType.valueOf(declared.toUpperCase(java.util.Locale.ROOT));
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  private static boolean bool(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() && e.getAsBoolean();
  }

  private static Long number(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsLong() : null;
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> values = new ArrayList<>();
    JsonElement e = o.get(key);
    if (e instanceof JsonArray array) {
      array.forEach(v -> values.add(v.getAsString()));
    }
    return values;
  }
}
