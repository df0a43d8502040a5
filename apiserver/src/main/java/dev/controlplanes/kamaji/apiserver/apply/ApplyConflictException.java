package dev.controlplanes.kamaji.apiserver.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server-side apply that would change fields owned by other managers without {@code force}: HTTP
 * 409, reason {@code Conflict}, with kube's message as {@link #getMessage()} and one {@link Cause}
 * per conflicting field ({@code details.causes}; kube sets no other details).
 *
 * <p>Messages, exactly as kube-apiserver writes them:
 *
 * <pre>
 * Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using kamaji.clastix.io/v1alpha1: .spec.kubernetes.version
 * Apply failed with 2 conflicts: conflicts with "mgr1" using kamaji.clastix.io/v1alpha1:
 * - .spec.a
 * - .spec.b
 * </pre>
 *
 * Managers are grouped in the order of their kube identifiers, each manager's paths in
 * structured-merge-diff's iteration order (a level's leaves before the levels below it).
 */
public final class ApplyConflictException extends RuntimeException {

  /** The {@code reason} of every cause. */
  public static final String CAUSE_REASON = "FieldManagerConflict";

  /** One conflicting field and the manager that owns it (the entry without its fields). */
  public record Conflict(ManagedFieldsEntry owner, FieldPath field) {}

  /** One entry of {@code details.causes}. */
  public record Cause(String reason, String message, String field) {}

  private final List<Conflict> conflicts;

  public ApplyConflictException(List<Conflict> conflicts) {
    super(message(sorted(conflicts)));
    this.conflicts = sorted(conflicts);
  }

  public List<Conflict> conflicts() {
    return conflicts;
  }

  public int httpStatus() {
    return 409;
  }

  /**
   * {@code details.causes}: {@code {"reason":"FieldManagerConflict","message":...,"field":...}}.
   */
  public List<Cause> causes() {
    return conflicts.stream()
        .map(
            c ->
                new Cause(
                    CAUSE_REASON, "conflict with " + c.owner().describe(), c.field().toString()))
        .toList();
  }

  private static List<Conflict> sorted(List<Conflict> conflicts) {
    List<Conflict> out = new ArrayList<>(conflicts);
    out.sort(
        Comparator.comparing((Conflict c) -> c.owner().identifier())); // stable: keeps path order
    return List.copyOf(out);
  }

  private static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with "
          + c.owner().describe()
          + ": "
          + c.field();
    }
    Map<String, List<Conflict>> byManager = new TreeMap<>();
    conflicts.forEach(
        c -> byManager.computeIfAbsent(c.owner().identifier(), k -> new ArrayList<>()).add(c));
    List<String> lines = new ArrayList<>();
    byManager
        .values()
        .forEach(
            group -> {
              lines.add("conflicts with " + group.get(0).owner().describe() + ":");
              group.forEach(c -> lines.add("- " + c.field()));
            });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}
