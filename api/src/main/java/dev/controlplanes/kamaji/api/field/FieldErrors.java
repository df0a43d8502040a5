package dev.controlplanes.kamaji.api.field;

import dev.controlplanes.kamaji.api.field.FieldError.Type;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Factories for {@link FieldError}s with the details Kubernetes uses for each kind. */
public final class FieldErrors {

  private FieldErrors() {}

  /** A required field is missing or empty. */
  public static FieldError required(FieldPath path, String detail) {
    return new FieldError(Type.REQUIRED, path.toString(), "", detail);
  }

  /** A field has a value that breaks a rule explained by {@code detail}. */
  public static FieldError invalid(FieldPath path, Object value, String detail) {
    return new FieldError(Type.INVALID, path.toString(), value, detail);
  }

  /** A field may not be set, or not to this value, in this situation. */
  public static FieldError forbidden(FieldPath path, String detail) {
    return new FieldError(Type.FORBIDDEN, path.toString(), "", detail);
  }

  /** A field has a value outside a closed set; the message lists the allowed values. */
  public static FieldError notSupported(FieldPath path, Object value, Collection<String> valid) {
    String detail =
        valid.isEmpty()
            ? ""
            : "supported values: "
                + valid.stream().map(FieldErrors::quote).collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, path.toString(), value, detail);
  }

  /** A value occurs twice where values must be unique. */
  public static FieldError duplicate(FieldPath path, Object value) {
    return new FieldError(Type.DUPLICATE, path.toString(), value, "");
  }

  /** A value is longer than {@code maxLength} bytes. */
  public static FieldError tooLong(FieldPath path, long maxLength) {
    String detail =
        maxLength >= 0
            ? "may not be more than " + maxLength + (maxLength == 1 ? " byte" : " bytes")
            : "value is too long";
    return new FieldError(Type.TOO_LONG, path.toString(), "<value omitted>", detail);
  }

  /** A list has {@code actual} items where at most {@code max} are allowed. */
  public static FieldError tooMany(FieldPath path, long actual, long max) {
    String detail =
        max >= 0
            ? "must have at most " + max + (max == 1 ? " item" : " items")
            : "has too many items";
    return new FieldError(
        Type.TOO_MANY, path.toString(), actual >= 0 ? actual : FieldError.OMITTED, detail);
  }

  /** A value has the wrong JSON type. */
  public static FieldError typeInvalid(FieldPath path, Object value, String detail) {
    return new FieldError(Type.TYPE_INVALID, path.toString(), value, detail);
  }

  /** A value refers to something that does not exist. */
  public static FieldError notFound(FieldPath path, Object value) {
    return new FieldError(Type.NOT_FOUND, path.toString(), value, "");
  }

  /**
   * Joins errors into the text Kubernetes puts after {@code is invalid: } in a status message: the
   * single error alone, or several in brackets separated by commas; repeated texts appear once.
   */
  public static String aggregate(List<FieldError> errors) {
    Set<String> texts = new LinkedHashSet<>();
    errors.forEach(e -> texts.add(e.toString()));
    if (texts.size() == 1) {
      return texts.iterator().next();
    }
    return "[" + String.join(", ", texts) + "]";
  }

  /** Quotes a string the way Go's {@code %q} does for the characters that occur in practice. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
