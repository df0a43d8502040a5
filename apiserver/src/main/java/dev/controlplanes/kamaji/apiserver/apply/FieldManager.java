package dev.controlplanes.kamaji.apiserver.apply;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Maintains {@code metadata.managedFields} on every non-apply write (create, update, JSON and merge
 * patch, on the main resource and on {@code /status}), as kube's field manager does.
 *
 * <p>One instance per kind; stateless and thread-safe. Call {@link #update} on the object about to
 * be stored, after the strategy has reset what the endpoint may not change (status on the main
 * resource, everything but status on {@code /status}) and before comparing with the stored object
 * to skip no-op writes.
 */
public final class FieldManager {

  private final Schema schema;

  public FieldManager(Schema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  /**
   * Returns a copy of {@code newObj} whose managedFields record this write by {@code manager}.
   *
   * <ul>
   *   <li>Fields added or changed between {@code oldObj} and {@code newObj} become owned by the
   *       {@code Update} entry of {@code manager} (per API version and subresource) and leave every
   *       other entry; removed fields leave every entry; entries left empty disappear; the entry's
   *       time becomes {@code now} only when it took fields. System metadata (apiVersion, kind,
   *       name, namespace, uid, resourceVersion, generation, creationTimestamp, managedFields) and
   *       the fields the endpoint resets are never owned.
   *   <li>The starting point is the managedFields sent by the client when it sent a valid,
   *       non-empty list (kubectl's client-side to server-side apply migration replaces the list
   *       this way), else those of {@code oldObj}. On {@code /status} the client's list is ignored.
   *       An explicit empty list ({@code []} or {@code [{}]}) resets tracking: the result has no
   *       managedFields, and updates of an existing object stay untracked until the next apply, as
   *       in kube.
   *   <li>At most ten Update entries are kept; older ones merge into {@code ancient-changes}.
   * </ul>
   *
   * @param oldObj the stored object, or null on create
   * @param subresource {@code ""} for the main resource or {@code "status"}
   */
  public JsonObject update(
      JsonObject oldObj, JsonObject newObj, String manager, String subresource, Instant now) {
    Objects.requireNonNull(newObj, "newObj");
    Objects.requireNonNull(now, "now");
    String sub = Objects.requireNonNullElse(subresource, "");
    JsonObject live = oldObj == null ? new JsonObject() : withoutManagedFields(oldObj);
    JsonObject result = withoutManagedFields(newObj);
    Managers managers = startingPoint(oldObj, newObj, !sub.isEmpty());
    if (managers.isEmpty() && oldObj != null) {
      return result;
    }
    try {
      Ownership ownership = new Ownership(TypeNode.root(schema), Ownership.resetFields(sub));
      ManagedFieldsEntry writer =
          ManagedFieldsEntry.update(
              Objects.requireNonNullElse(manager, ""), apiVersion(newObj, oldObj), sub);
      ownership.update(live, result, managers, writer, now);
      UpdateManagerCap.apply(managers);
    } catch (ApplyException unmergeable) {
      // kube's UpdateNoErrors: an object the schema cannot walk keeps its previous tracking.
      ManagedFields.setRaw(result, ManagedFields.raw(oldObj));
      return result;
    }
    ManagedFields.set(result, managers.sorted());
    return result;
  }

  private static Managers startingPoint(JsonObject oldObj, JsonObject newObj, boolean subresource) {
    JsonElement sent = ManagedFields.raw(newObj);
    if (!subresource) {
      if (ManagedFields.isReset(sent)) {
        return new Managers();
      }
      Managers fromClient = decodeOrEmpty(sent);
      if (!fromClient.isEmpty()) {
        return fromClient;
      }
    }
    return decodeOrEmpty(ManagedFields.raw(oldObj));
  }

  private static Managers decodeOrEmpty(JsonElement managedFields) {
    try {
      return Managers.of(ManagedFields.decode(managedFields));
    } catch (IllegalArgumentException invalid) {
      return new Managers();
    }
  }

  static String apiVersion(JsonObject primary, JsonObject fallback) {
    for (JsonObject o : List.of(primary, fallback == null ? new JsonObject() : fallback)) {
      JsonElement v = o.get("apiVersion");
      if (v != null && v.isJsonPrimitive() && !v.getAsString().isEmpty()) {
        return v.getAsString();
      }
    }
    throw new IllegalArgumentException("the object has no apiVersion");
  }

  static JsonObject withoutManagedFields(JsonObject object) {
    JsonObject copy = object.deepCopy();
    ManagedFields.remove(copy);
    return copy;
  }
}
