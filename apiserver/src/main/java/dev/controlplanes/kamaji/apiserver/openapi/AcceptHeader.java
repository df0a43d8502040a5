package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.Locale;

/**
 * Decides whether an {@code Accept} header admits {@code application/json}, the only format the
 * documents are served in: the most specific matching media range decides, and {@code q=0} refuses.
 */
final class AcceptHeader {

  private AcceptHeader() {}

  /** An absent or blank header accepts anything. */
  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    int bestSpecificity = 0;
    double bestQuality = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      int specificity = specificity(parts[0].trim().toLowerCase(Locale.ROOT));
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        bestQuality = quality(parts);
      }
    }
    return bestSpecificity > 0 && bestQuality > 0;
  }

  /**
   * 3 for application/json, 2 for application/*, 1 for any type, 0 when the range excludes JSON.
   */
  private static int specificity(String mediaRange) {
    return switch (mediaRange) {
      case "application/json" -> 3;
      case "application/*" -> 2;
      case "*/*", "*" -> 1;
      default -> 0;
    };
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].trim().split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
        try {
          return Double.parseDouble(parameter[1].trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
