package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Server-side apply ({@code application/apply-patch+yaml}), as kube-apiserver's field manager and
 * structured-merge-diff implement it.
 *
 * <p>The applied configuration sets the fields it lists and its manager ({@code Apply} entry per
 * manager and subresource) owns exactly those. Fields the manager applied last time and omits now
 * are removed unless another manager owns them. Map lists merge by their keys, sets by value,
 * atomic lists and maps are replaced whole, objects merge field by field. Changing a field owned by
 * another manager is a conflict unless {@code force} is set, which transfers ownership. An object
 * without managedFields is first attributed to a {@code before-first-apply} Update entry. For the
 * manager {@code kubectl}, conflicts on fields recorded with their live value in the {@code
 * kubectl.kubernetes.io/last-applied-configuration} annotation are forced, and a surviving
 * annotation is rewritten, as kube does for client-side to server-side apply migration.
 *
 * <p>The caller still checks the request (apiVersion, kind and name of the body) and runs the usual
 * update path on the result (system metadata, status reset, defaulting, validation).
 */
public final class Applier {

  private Applier() {}

  /**
   * Applies {@code applied} over {@code live}.
   *
   * @param live the stored object, or null when the apply creates it
   * @param applied the applied configuration (with {@code apiVersion}); never modified
   * @param subresource {@code ""} for the main resource or {@code "status"}
   * @return a new object with its managedFields; when the apply changes nothing it equals {@code
   *     live} (so the write can be skipped)
   * @throws ApplyConflictException on conflicts without {@code force}
   * @throws ApplyException when {@code applied} carries managedFields (400) or does not fit the
   *     schema's list structure (500, as kube)
   */
  public static JsonObject apply(
      JsonObject live,
      JsonObject applied,
      String manager,
      boolean force,
      Schema schema,
      String subresource,
      Instant now) {
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(now, "now");
    String sub = Objects.requireNonNullElse(subresource, "");
    JsonElement sentManagedFields = ManagedFields.raw(applied);
    if (sentManagedFields != null && !sentManagedFields.isJsonNull()) {
      throw new ApplyException(400, "metadata.managedFields must be nil");
    }
    String apiVersion = FieldManager.apiVersion(applied, live);
    TypeNode root = TypeNode.root(schema);
    Request request =
        new Request(
            new Ownership(root, Ownership.resetFields(sub)),
            live == null ? null : FieldManager.withoutManagedFields(live),
            FieldManager.withoutManagedFields(applied),
            decode(live),
            ManagedFieldsEntry.apply(manager, apiVersion, sub),
            ManagedFieldsEntry.update("before-first-apply", apiVersion, sub),
            now);
    Ownership.Applied outcome;
    try {
      outcome = request.run(force);
    } catch (ApplyConflictException conflict) {
      outcome = retryForKubectl(request, conflict, live, root, apiVersion);
    }
    JsonObject result = outcome.object();
    if (LastApplied.KUBECTL.equals(manager)) {
      LastApplied.refresh(result, request.config());
    }
    ManagedFields.set(result, outcome.managers().sorted());
    return result;
  }

  private static Ownership.Applied retryForKubectl(
      Request request,
      ApplyConflictException conflict,
      JsonObject live,
      TypeNode root,
      String apiVersion) {
    if (!LastApplied.KUBECTL.equals(request.applier().manager()) || live == null) {
      throw conflict;
    }
    FieldSet allowed = LastApplied.unchangedFields(live, root, apiVersion);
    if (allowed == null) {
      throw conflict;
    }
    List<ApplyConflictException.Conflict> remaining =
        conflict.conflicts().stream().filter(c -> !allowed.has(c.field())).toList();
    if (!remaining.isEmpty()) {
      throw new ApplyConflictException(remaining);
    }
    return request.run(true);
  }

  private static Managers decode(JsonObject live) {
    try {
      return Managers.of(ManagedFields.read(live));
    } catch (IllegalArgumentException e) {
      throw new ApplyException(500, "failed to decode managed fields: " + e.getMessage());
    }
  }

  /** One apply, repeatable (the kubectl retry) because every run starts from a copy. */
  private record Request(
      Ownership ownership,
      JsonObject live,
      JsonObject config,
      Managers managers,
      ManagedFieldsEntry applier,
      ManagedFieldsEntry beforeFirstApply,
      Instant now) {

    Ownership.Applied run(boolean force) {
      Managers working = managers.copy();
      JsonObject base = live == null ? new JsonObject() : live;
      if (working.isEmpty() && live != null) {
        ownership.update(new JsonObject(), base, working, beforeFirstApply, now);
        UpdateManagerCap.apply(working);
      }
      return ownership.apply(base, config, working, applier, force, now);
    }
  }
}
