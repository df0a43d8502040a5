package dev.controlplanes.kamaji.api.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled {@code pattern}s, cached because schemas are shared and long-lived. */
final class Patterns {

  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  /** The compiled pattern; like OpenAPI, a match anywhere in the value counts. */
  static Pattern compile(String regex) {
    return CACHE.computeIfAbsent(regex, Pattern::compile);
  }
}
