package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.util.List;

/**
 * The merge-relevant shape of one node of an object: a schema node, or "deduced" where the schema
 * says nothing (undeclared fields, preserved unknown fields), in which case objects are granular
 * maps, lists are atomic and everything else is a scalar (structured-merge-diff's {@code
 * __untyped_deduced_}). The root overlays kube's ObjectMeta on {@code metadata}.
 */
final class TypeNode {

  enum Kind {
    SCALAR,
    MAP,
    LIST
  }

  /** The parts of ObjectMeta whose merge strategy differs from the deduced default. */
  private static final Schema OBJECT_META =
      Schema.parse(
          JsonParser.parseString(
                  """
                  {"type":"object","properties":{
                    "name":{"type":"string"},"generateName":{"type":"string"},
                    "namespace":{"type":"string"},"selfLink":{"type":"string"},
                    "uid":{"type":"string"},"resourceVersion":{"type":"string"},
                    "generation":{"type":"integer"},"creationTimestamp":{"type":"string"},
                    "deletionTimestamp":{"type":"string"},
                    "deletionGracePeriodSeconds":{"type":"integer"},
                    "labels":{"type":"object","additionalProperties":{"type":"string"}},
                    "annotations":{"type":"object","additionalProperties":{"type":"string"}},
                    "finalizers":{"type":"array","x-kubernetes-list-type":"set",
                      "items":{"type":"string"}},
                    "ownerReferences":{"type":"array","x-kubernetes-list-type":"map",
                      "x-kubernetes-list-map-keys":["uid"],
                      "items":{"type":"object","x-kubernetes-map-type":"atomic","properties":{
                        "apiVersion":{"type":"string"},"kind":{"type":"string"},
                        "name":{"type":"string"},"uid":{"type":"string"},
                        "controller":{"type":"boolean"},"blockOwnerDeletion":{"type":"boolean"}}}},
                    "managedFields":{"type":"array","x-kubernetes-list-type":"atomic",
                      "items":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}
                  """)
              .getAsJsonObject());

  static final TypeNode DEDUCED = new TypeNode(null, false);

  private final Schema schema;
  private final boolean root;

  private TypeNode(Schema schema, boolean root) {
    this.schema = schema;
    this.root = root;
  }

  static TypeNode root(Schema kindSchema) {
    return new TypeNode(kindSchema, true);
  }

  /** What a value is merged as: decided by the value, or by the schema for JSON null. */
  Kind kindOf(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      if (schema == null) {
        return Kind.SCALAR;
      }
      return switch (schema.type()) {
        case OBJECT -> Kind.MAP;
        case ARRAY -> Kind.LIST;
        default -> Kind.SCALAR;
      };
    }
    if (value.isJsonObject()) {
      return Kind.MAP;
    }
    return value.isJsonArray() ? Kind.LIST : Kind.SCALAR;
  }

  /**
   * The kind two versions of a value are compared or merged as: that of the side holding a non-null
   * value (the right one when both do), or null when they hold different kinds (a type change,
   * handled as a whole-value replacement).
   */
  Kind kindOf(JsonElement lhs, JsonElement rhs) {
    boolean left = lhs != null && !lhs.isJsonNull();
    boolean right = rhs != null && !rhs.isJsonNull();
    if (left && right && kindOf(lhs) != kindOf(rhs)) {
      return null;
    }
    if (right) {
      return kindOf(rhs);
    }
    return left ? kindOf(lhs) : kindOf(rhs != null ? rhs : lhs);
  }

  /** True for an absent or null value, or an empty map or list of the given kind. */
  static boolean isEmpty(JsonElement value, Kind kind) {
    if (value == null || value.isJsonNull()) {
      return true;
    }
    return switch (kind) {
      case MAP -> value.isJsonObject() && value.getAsJsonObject().isEmpty();
      case LIST -> value.isJsonArray() && value.getAsJsonArray().isEmpty();
      case SCALAR -> false;
    };
  }

  /** True when a map or list of this node is replaced and owned as a whole. */
  boolean atomic(Kind kind) {
    return switch (kind) {
      case SCALAR -> true;
      case MAP -> schema != null && schema.atomicMap();
      case LIST -> listType() == Schema.ListType.ATOMIC;
    };
  }

  Schema.ListType listType() {
    if (schema == null || schema.listType() == null) {
      return Schema.ListType.ATOMIC;
    }
    if (schema.listType() == Schema.ListType.MAP && schema.listMapKeys().isEmpty()) {
      return Schema.ListType.SET;
    }
    return schema.listType();
  }

  List<String> keys() {
    return schema == null ? List.of() : schema.listMapKeys();
  }

  TypeNode field(String name) {
    if (root && "metadata".equals(name)) {
      return new TypeNode(OBJECT_META, false);
    }
    Schema child = schema == null ? null : schema.field(name);
    return child == null ? DEDUCED : new TypeNode(child, false);
  }

  /** True for a declared property (a struct field), false for map keys and unknown fields. */
  boolean isNamedField(String name) {
    return (root && "metadata".equals(name))
        || (schema != null && schema.properties().containsKey(name));
  }

  TypeNode items() {
    return schema == null || schema.items() == null ? DEDUCED : new TypeNode(schema.items(), false);
  }

  /** The schema default of a list-map key field, or null. */
  JsonElement keyDefault(String key) {
    Schema items = schema == null ? null : schema.items();
    Schema field = items == null ? null : items.properties().get(key);
    return field == null ? null : field.defaultValue();
  }
}
