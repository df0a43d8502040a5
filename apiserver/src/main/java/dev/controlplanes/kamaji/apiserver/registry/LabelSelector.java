package dev.controlplanes.kamaji.apiserver.registry;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parsed label selector in Kubernetes' string syntax: {@code k=v}, {@code k==v}, {@code k!=v},
 * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}, {@code k>1}, {@code k<1},
 * comma-separated and AND-ed. Parse errors are 400s.
 */
public final class LabelSelector implements Predicate<Map<String, String>> {

  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private static final Pattern KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private record Requirement(String key, String op, Set<String> values) {}

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public boolean isEverything() {
    return requirements.isEmpty();
  }

  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String term : splitTerms(selector)) {
      requirements.add(parseTerm(term.trim(), selector));
    }
    return new LabelSelector(List.copyOf(requirements));
  }

  /** Splits on commas that are not inside parentheses. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  private static Requirement parseTerm(String term, String selector) {
    if (term.isEmpty()) {
      throw invalid(selector, "found '', expected: identifier");
    }
    if (term.startsWith("!")) {
      return new Requirement(key(term.substring(1).trim(), selector), "!", Set.of());
    }
    String[] setOps = {" notin ", " in "};
    for (String op : setOps) {
      int at = term.indexOf(op);
      if (at > 0) {
        String rest = term.substring(at + op.length()).trim();
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
          throw invalid(selector, "found '" + rest + "', expected: '('");
        }
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String v : rest.substring(1, rest.length() - 1).split(",")) {
          values.add(value(v.trim(), selector));
        }
        return new Requirement(key(term.substring(0, at).trim(), selector), op.trim(), values);
      }
    }
    for (String op : new String[] {"!=", "==", "=", ">", "<"}) {
      int at = term.indexOf(op);
      if (at > 0) {
        String v = value(term.substring(at + op.length()).trim(), selector);
        if ((op.equals(">") || op.equals("<")) && !v.matches("-?[0-9]+")) {
          throw invalid(selector, "for 'Gt', 'Lt' operators, the value must be an integer");
        }
        return new Requirement(
            key(term.substring(0, at).trim(), selector), op.equals("==") ? "=" : op, Set.of(v));
      }
    }
    return new Requirement(key(term, selector), "exists", Set.of());
  }

  private static String key(String key, String selector) {
    if (!KEY.matcher(key).matches()) {
      throw invalid(selector, "invalid label key \"" + key + "\"");
    }
    return key;
  }

  private static String value(String value, String selector) {
    if (value.length() > 63 || !VALUE.matcher(value).matches()) {
      throw invalid(selector, "invalid label value: \"" + value + "\"");
    }
    return value;
  }

  private static RuntimeException invalid(String selector, String why) {
    return Statuses.badRequest("unable to parse requirement: " + why);
  }

  @Override
  public boolean test(Map<String, String> labels) {
    for (Requirement r : requirements) {
      String actual = labels.get(r.key());
      boolean ok =
          switch (r.op()) {
            case "=" -> actual != null && r.values().contains(actual);
            case "!=" -> actual == null || !r.values().contains(actual);
            case "in" -> actual != null && r.values().contains(actual);
            case "notin" -> actual == null || !r.values().contains(actual);
            case "exists" -> actual != null;
            case "!" -> actual == null;
            case ">", "<" -> compare(actual, r);
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean compare(String actual, Requirement r) {
    if (actual == null || !actual.matches("-?[0-9]+")) {
      return false;
    }
    long a = Long.parseLong(actual);
    long b = Long.parseLong(r.values().iterator().next());
    return r.op().equals(">") ? a > b : a < b;
  }
}
