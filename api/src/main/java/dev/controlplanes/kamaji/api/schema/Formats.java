package dev.controlplanes.kamaji.api.schema;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** The string {@code format}s checked by validation; other formats are informational. */
final class Formats {

  private Formats() {}

  /** True when {@code value} is valid for {@code format}, or the format is not checked. */
  static boolean valid(String format, String value) {
    return switch (format) {
      case "byte" -> isBase64(value);
      case "date-time" -> isDateTime(value);
      default -> true;
    };
  }

  private static boolean isBase64(String value) {
    try {
      Base64.getDecoder().decode(value.replace("\r", "").replace("\n", ""));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isDateTime(String value) {
    try {
      OffsetDateTime.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(value);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }
}
