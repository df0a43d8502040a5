package dev.controlplanes.kamaji.apiserver.openapi;

/**
 * A non-body parameter of an operation: a query option, or the {@code name}/{@code namespace}
 * segment of a path. {@code type} is a JSON schema type: string, integer or boolean.
 */
record Parameter(String name, In in, String type, String description) {

  /** Where the parameter is carried. */
  enum In {
    PATH,
    QUERY;

    String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Parameter query(String name, String type, String description) {
    return new Parameter(name, In.QUERY, type, description);
  }

  static Parameter path(String name, String description) {
    return new Parameter(name, In.PATH, "string", description);
  }
}
