package dev.controlplanes.kamaji.api.field;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Objects;

/**
 * One validation problem at one field, as Kubernetes reports it in the {@code causes} of a 422
 * {@code Invalid} status.
 *
 * <p>{@link #message()} renders the cause message exactly like Kubernetes ({@code Invalid value:
 * "T_1": <detail>}), and {@link #toString()} prefixes it with the field ({@code metadata.name:
 * Invalid value: ...}), which is the text joined into the status message.
 *
 * @param type the kind of problem
 * @param field the rendered field path, such as {@code spec.networkProfile.certSANs[0]}
 * @param badValue the offending value: a String, a Number, a Boolean, a {@link JsonElement}, or
 *     {@link #OMITTED} when the message must not show a value
 * @param detail additional explanation; may be empty, never null
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** Marker for errors that carry no value, such as {@code Too many} without a count. */
  public static final Object OMITTED = new Object();

  /** The kinds of field errors, each with its Kubernetes cause reason and message prefix. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value", false),
    INVALID("FieldValueInvalid", "Invalid value", true),
    FORBIDDEN("FieldValueForbidden", "Forbidden", false),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value", true),
    DUPLICATE("FieldValueDuplicate", "Duplicate value", true),
    TOO_LONG("FieldValueTooLong", "Too long", false),
    TOO_MANY("FieldValueTooMany", "Too many", true),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value", true),
    NOT_FOUND("FieldValueNotFound", "Not found", true);

    private final String reason;
    private final String label;
    private final boolean showsValue;

    Type(String reason, String label, boolean showsValue) {
      this.reason = reason;
      this.label = label;
      this.showsValue = showsValue;
    }

    /** The {@code reason} of the status cause, such as {@code FieldValueInvalid}. */
    public String reason() {
      return reason;
    }

    /** The human-readable prefix of the message, such as {@code Invalid value}. */
    public String label() {
      return label;
    }
  }

  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    detail = detail == null ? "" : detail;
  }

  /** The cause message without the field, such as {@code Required value: name is required}. */
  public String message() {
    StringBuilder s = new StringBuilder(type.label());
    if (type.showsValue && badValue != OMITTED) {
      s.append(": ").append(renderValue(badValue));
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /** The field followed by the message, as it appears in a status message. */
  @Override
  public String toString() {
    return field + ": " + message();
  }

  static String renderValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return FieldErrors.quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof JsonPrimitive p) {
      if (p.isString()) {
        return FieldErrors.quote(p.getAsString());
      }
      return p.toString();
    }
    if (value instanceof JsonElement e) {
      return e.toString();
    }
    return FieldErrors.quote(value.toString());
  }
}
