package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON value against a structural schema and reports every problem with its field path,
 * using the error kinds and messages the apiextensions server produces for custom resources.
 *
 * <p>Checked: {@code type} (with {@code x-kubernetes-int-or-string} and {@code nullable}), {@code
 * enum}, {@code required}, {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength},
 * {@code minimum}/{@code maximum}, {@code pattern}, the {@code byte} and {@code date-time} string
 * formats, and the uniqueness of {@code set} and {@code map} lists. Fields the schema does not
 * declare are not reported: pruning handles them. Top-level {@code metadata} is only checked to be
 * an object; its content follows the ObjectMeta rules.
 */
public final class SchemaValidator {

  private SchemaValidator() {}

  /** Validates a whole object against the schema of its kind. */
  public static List<FieldError> validate(JsonObject object, Schema schema) {
    List<FieldError> errors = new ArrayList<>();
    new Run(errors).object(object, schema, null);
    return errors;
  }

  /** Validates the value found at {@code path} against the schema of that field. */
  public static List<FieldError> validate(JsonElement value, Schema schema, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    new Run(errors).value(value, schema, path);
    return errors;
  }

  /** One validation pass; collects into {@code errors}. */
  private record Run(List<FieldError> errors) {

    void value(JsonElement value, Schema schema, FieldPath path) {
      if (value == null || value.isJsonNull()) {
        if (!schema.nullable() && !(schema.type() == Schema.Type.ANY && !schema.intOrString())) {
          typeError(path, schema, "null");
        }
        return;
      }
      String actual = JsonTypes.name(value);
      if (!JsonTypes.matches(schema, value)) {
        typeError(path, schema, actual);
        return;
      }
      enumeration(value, schema, path);
      if (value instanceof JsonObject object) {
        object(object, schema, path);
      } else if (value instanceof JsonArray array) {
        array(array, schema, path);
      } else if (value instanceof JsonPrimitive primitive) {
        if (primitive.isString()) {
          string(primitive.getAsString(), value, schema, path);
        } else if (primitive.isNumber()) {
          number(primitive, schema, path);
        }
      }
    }

    void object(JsonObject object, Schema schema, FieldPath path) {
      for (String name : schema.required()) {
        if (!object.has(name)) {
          errors.add(FieldErrors.required(child(path, name), ""));
        }
      }
      for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
        String name = entry.getKey();
        Schema declared = schema.properties().get(name);
        if (declared != null) {
          value(entry.getValue(), declared, child(path, name));
        } else if (schema.additionalProperties() != null) {
          FieldPath key = path == null ? FieldPath.root(name) : path.key(name);
          value(entry.getValue(), schema.additionalProperties(), key);
        }
      }
    }

    void array(JsonArray array, Schema schema, FieldPath path) {
      Long min = schema.minItems();
      if (min != null && array.size() < min) {
        errors.add(
            FieldErrors.invalid(
                path,
                (long) array.size(),
                path + " in body should have at least " + min + " items"));
      }
      Long max = schema.maxItems();
      if (max != null && array.size() > max) {
        errors.add(FieldErrors.tooMany(path, array.size(), max));
      }
      if (schema.listType() == Schema.ListType.SET) {
        uniqueItems(array, path);
      } else if (schema.listType() == Schema.ListType.MAP) {
        uniqueKeys(array, schema.listMapKeys(), path);
      }
      if (schema.items() != null) {
        for (int i = 0; i < array.size(); i++) {
          value(array.get(i), schema.items(), path.index(i));
        }
      }
    }

    void uniqueItems(JsonArray array, FieldPath path) {
      Set<JsonElement> seen = new HashSet<>();
      for (int i = 0; i < array.size(); i++) {
        if (!seen.add(array.get(i))) {
          errors.add(FieldErrors.duplicate(path.index(i), array.get(i)));
        }
      }
    }

    void uniqueKeys(JsonArray array, List<String> keys, FieldPath path) {
      Map<JsonObject, Integer> seen = new HashMap<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.get(i) instanceof JsonObject item)) {
          continue;
        }
        JsonObject key = new JsonObject();
        for (String name : keys) {
          if (item.has(name)) {
            key.add(name, item.get(name));
          }
        }
        if (seen.putIfAbsent(key, i) != null) {
          errors.add(FieldErrors.duplicate(path.index(i), key));
        }
      }
    }

    void string(String s, JsonElement value, Schema schema, FieldPath path) {
      Long minLength = schema.minLength();
      int length = s.codePointCount(0, s.length());
      if (minLength != null && length < minLength) {
        errors.add(
            FieldErrors.invalid(
                path, s, path + " in body should be at least " + minLength + " chars long"));
      }
      Long maxLength = schema.maxLength();
      if (maxLength != null && length > maxLength) {
        errors.add(FieldErrors.tooLong(path, maxLength));
      }
      String pattern = schema.pattern();
      if (pattern != null && !Patterns.compile(pattern).matcher(s).find()) {
        errors.add(FieldErrors.invalid(path, s, path + " in body should match '" + pattern + "'"));
      }
      String format = schema.format();
      if (format != null && !Formats.valid(format, s)) {
        errors.add(
            FieldErrors.typeInvalid(
                path,
                s,
                path + " in body must be of type " + format + ": " + FieldErrors.quote(s)));
      }
    }

    void number(JsonPrimitive primitive, Schema schema, FieldPath path) {
      BigDecimal n = primitive.getAsBigDecimal();
      Long minimum = schema.minimum();
      if (minimum != null && n.compareTo(BigDecimal.valueOf(minimum)) < 0) {
        errors.add(
            FieldErrors.invalid(
                path, primitive, path + " in body should be greater than or equal to " + minimum));
      }
      Long maximum = schema.maximum();
      if (maximum != null && n.compareTo(BigDecimal.valueOf(maximum)) > 0) {
        errors.add(
            FieldErrors.invalid(
                path, primitive, path + " in body should be less than or equal to " + maximum));
      }
    }

    void enumeration(JsonElement value, Schema schema, FieldPath path) {
      List<JsonElement> allowed = schema.enumValues();
      if (allowed.isEmpty() || allowed.contains(value)) {
        return;
      }
      List<String> names = new ArrayList<>();
      for (JsonElement e : allowed) {
        names.add(
            e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                ? e.getAsString()
                : e.toString());
      }
      errors.add(FieldErrors.notSupported(path, value, names));
    }

    void typeError(FieldPath path, Schema schema, String actual) {
      String expected = schema.intOrString() ? "integer,string" : JsonTypes.expected(schema);
      String where = path == null ? "body" : path + " in body";
      errors.add(
          FieldErrors.typeInvalid(
              path == null ? FieldPath.root("") : path,
              actual,
              where + " must be of type " + expected + ": " + FieldErrors.quote(actual)));
    }

    static FieldPath child(FieldPath path, String name) {
      return path == null ? FieldPath.root(name) : path.child(name);
    }
  }
}
