package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ownership bookkeeping of structured-merge-diff's {@code merge.Updater} and of kube's
 * field-manager chain, for one kind and one subresource: which fields a write takes, which it
 * frees, and the apply merge with its pruning and conflict detection.
 */
final class Ownership {

  /** Fields never tracked, as kube's stripMeta manager (a plain, non-recursive difference). */
  static final FieldSet SYSTEM_FIELDS =
      FieldSet.of(
          FieldPath.of("apiVersion"),
          FieldPath.of("kind"),
          FieldPath.of("metadata"),
          FieldPath.of("metadata", "name"),
          FieldPath.of("metadata", "namespace"),
          FieldPath.of("metadata", "creationTimestamp"),
          FieldPath.of("metadata", "selfLink"),
          FieldPath.of("metadata", "uid"),
          FieldPath.of("metadata", "clusterName"),
          FieldPath.of("metadata", "generation"),
          FieldPath.of("metadata", "managedFields"),
          FieldPath.of("metadata", "resourceVersion"));

  private final TypeNode root;
  private final FieldSet reset;

  /**
   * @param reset the fields the subresource's strategy resets (kube's {@code GetResetFields}):
   *     nobody takes ownership of them through this endpoint
   */
  Ownership(TypeNode root, FieldSet reset) {
    this.root = root;
    this.reset = reset;
  }

  /**
   * The fields a CRD-like endpoint resets: {@code status} on the main resource, {@code spec} on
   * {@code /status} (as apiextensions-apiserver's strategies declare them).
   */
  static FieldSet resetFields(String subresource) {
    return switch (subresource) {
      case "" -> FieldSet.of(FieldPath.of("status"));
      case "status" -> FieldSet.of(FieldPath.of("spec"));
      default -> FieldSet.EMPTY;
    };
  }

  /**
   * Records a non-apply write by {@code writer}: fields added or changed become the writer's and
   * leave everyone else's set; removed fields leave every set.
   */
  void update(
      JsonObject live,
      JsonObject updated,
      Managers managers,
      ManagedFieldsEntry writer,
      Instant now) {
    Comparison cmp = Comparer.compare(live, updated, root).excluding(reset);
    FieldSet taken = cmp.modified().union(cmp.added());
    FieldSet freed = taken.union(cmp.removed());
    for (ManagedFieldsEntry e : managers.entries()) {
      managers.put(e.withFields(e.fields().difference(freed)));
    }
    taken = taken.difference(SYSTEM_FIELDS);
    if (!taken.isEmpty()) {
      ManagedFieldsEntry previous = managers.get(writer);
      FieldSet owned = previous == null ? taken : previous.fields().union(taken);
      managers.put(writer.withFields(owned).withTime(now));
    }
  }

  /** The result of an apply: the object to store (equal to live for a no-op) and the managers. */
  record Applied(JsonObject object, Managers managers) {}

  /**
   * Merges {@code config} into {@code live} for {@code applier}, prunes what the applier stopped
   * applying, and detects conflicts.
   *
   * @throws ApplyConflictException when another manager owns a field the apply changes and {@code
   *     force} is false
   */
  Applied apply(
      JsonObject live,
      JsonObject config,
      Managers managers,
      ManagedFieldsEntry applier,
      boolean force,
      Instant now) {
    JsonObject merged = Merger.merge(live, config, root);
    ManagedFieldsEntry previous = managers.get(applier);
    FieldSet lastApplied = previous == null ? FieldSet.EMPTY : previous.fields();
    FieldSet applied = FieldSets.of(config, root, true).recursiveDifference(reset);
    ManagedFieldsEntry current =
        applier.withFields(applied).withTime(previous == null ? null : previous.time());
    managers.put(current);
    JsonObject pruned = new Pruning(root).prune(merged, managers.union(), lastApplied);

    Comparison cmp = Comparer.compare(live, pruned, root).excluding(reset);
    FieldSet changed = cmp.modified().union(cmp.added());
    List<ApplyConflictException.Conflict> conflicts = new ArrayList<>();
    for (ManagedFieldsEntry other : managers.entries()) {
      if (other.identifier().equals(current.identifier())) {
        continue;
      }
      ManagedFieldsEntry owner = other.withFields(FieldSet.EMPTY);
      for (FieldPath p : other.fields().intersection(changed).paths()) {
        conflicts.add(new ApplyConflictException.Conflict(owner, p));
      }
    }
    if (!force && !conflicts.isEmpty()) {
      throw new ApplyConflictException(conflicts);
    }
    FieldSet freed = changed.union(cmp.removed());
    for (ManagedFieldsEntry other : managers.entries()) {
      if (!other.identifier().equals(current.identifier())) {
        managers.put(other.withFields(other.fields().difference(freed)));
      }
    }
    boolean objectChanged = !pruned.equals(live);
    managers.put(
        current
            .withFields(applied.difference(SYSTEM_FIELDS))
            .withTime(objectChanged ? now : current.time()));
    return new Applied(objectChanged ? pruned : live.deepCopy(), managers);
  }
}
