package dev.controlplanes.kamaji.apiserver.registry;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector over the fields CRDs support: {@code metadata.name} and, for namespaced kinds,
 * {@code metadata.namespace}, with {@code =}, {@code ==} and {@code !=}.
 */
public final class FieldSelector {

  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private record Term(String field, boolean equals, String value) {}

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  public static FieldSelector parse(String selector, boolean namespaced) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String raw : selector.split(",")) {
      String term = raw.trim();
      int neq = term.indexOf("!=");
      int eq = term.indexOf('=');
      String field;
      String value;
      boolean equals;
      if (neq > 0) {
        field = term.substring(0, neq);
        value = term.substring(neq + 2);
        equals = false;
      } else if (eq > 0) {
        field = term.substring(0, eq);
        value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1);
        equals = true;
      } else {
        throw Statuses.badRequest(
            "invalid selector: '" + selector + "'; can't understand '" + term + "'");
      }
      field = field.trim();
      if (!field.equals("metadata.name") && !(namespaced && field.equals("metadata.namespace"))) {
        throw Statuses.badRequest("field label not supported: " + field);
      }
      terms.add(new Term(field, equals, value.trim()));
    }
    return new FieldSelector(List.copyOf(terms));
  }

  public boolean isEverything() {
    return terms.isEmpty();
  }

  /** The name required by an equality term on metadata.name, or null. */
  public String requiredName() {
    for (Term t : terms) {
      if (t.field().equals("metadata.name") && t.equals()) {
        return t.value();
      }
    }
    return null;
  }

  public boolean matches(String namespace, String name) {
    for (Term t : terms) {
      String actual = t.field().equals("metadata.name") ? name : namespace;
      if (t.equals() != t.value().equals(actual)) {
        return false;
      }
    }
    return true;
  }
}
