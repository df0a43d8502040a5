package dev.controlplanes.kamaji.api.schema;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Locale;

/** JSON type names and type matching for schema validation. */
final class JsonTypes {

  private JsonTypes() {}

  /** The JSON type name of a value as OpenAPI names it ({@code integer} for whole numbers). */
  static String name(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonObject()) {
      return "object";
    }
    if (value.isJsonArray()) {
      return "array";
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return "boolean";
    }
    if (p.isNumber()) {
      return isIntegral(p) ? "integer" : "number";
    }
    return "string";
  }

  /** True when a non-null value has the type the schema declares. */
  static boolean matches(Schema schema, JsonElement value) {
    return switch (schema.type()) {
      case OBJECT -> value.isJsonObject();
      case ARRAY -> value.isJsonArray();
      case STRING -> isString(value);
      case BOOLEAN -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
      case NUMBER -> isNumber(value);
      case INTEGER -> isNumber(value) && isIntegral(value.getAsJsonPrimitive());
      case ANY ->
          !schema.intOrString()
              || isString(value)
              || (isNumber(value) && isIntegral(value.getAsJsonPrimitive()));
    };
  }

  /** The type name the schema expects, for messages. */
  static String expected(Schema schema) {
    return schema.type().name().toLowerCase(Locale.ROOT);
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static boolean isNumber(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  private static boolean isIntegral(JsonPrimitive p) {
    try {
      BigDecimal n = p.getAsBigDecimal();
      return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
