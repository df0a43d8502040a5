package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rules on the DataStore fields of a TenantControlPlane: referenced DataStores must exist, and
 * dataStore, dataStoreSchema and dataStoreUsername cannot be removed; the last two cannot change. A
 * field counts as set when it holds a non-empty string.
 */
final class DataStoreReferenceRules {

  static final FieldPath SPEC = FieldPath.root("spec");

  private DataStoreReferenceRules() {}

  static List<FieldError> validateCreate(JsonObject spec, ValidationContext ctx) {
    List<FieldError> errors = new ArrayList<>(dataStoreExists(spec, ctx));
    errors.addAll(overrides(spec, ctx));
    return errors;
  }

  static List<FieldError> validateUpdate(
      JsonObject spec, JsonObject oldSpec, ValidationContext ctx) {
    List<FieldError> errors = new ArrayList<>(dataStoreExists(spec, ctx));
    if (!Objects.equals(
        Nodes.get(spec, "dataStoreOverrides"), Nodes.get(oldSpec, "dataStoreOverrides"))) {
      errors.addAll(overrides(spec, ctx));
    }
    errors.addAll(notUnset(spec, oldSpec, "dataStore"));
    errors.addAll(sameDriver(spec, oldSpec, ctx));
    errors.addAll(notUnset(spec, oldSpec, "dataStoreSchema"));
    errors.addAll(notUnset(spec, oldSpec, "dataStoreUsername"));
    errors.addAll(unchanged(spec, oldSpec, "dataStoreSchema"));
    errors.addAll(unchanged(spec, oldSpec, "dataStoreUsername"));
    return errors;
  }

  /**
   * A new DataStore starts a live migration, which copies data between DataStores of one driver
   * only (Kamaji's migration Job fails on anything else; refused here at once).
   */
  private static List<FieldError> sameDriver(
      JsonObject spec, JsonObject oldSpec, ValidationContext ctx) {
    String name = Nodes.string(spec, "dataStore");
    String oldName = Nodes.string(oldSpec, "dataStore");
    if (name == null || oldName == null || name.isEmpty() || name.equals(oldName)) {
      return List.of();
    }
    Optional<String> driver = ctx.dataStoreDriver(name);
    Optional<String> oldDriver = ctx.dataStoreDriver(oldName);
    if (driver.isEmpty() || oldDriver.isEmpty() || driver.equals(oldDriver)) {
      return List.of();
    }
    return List.of(
        FieldErrors.invalid(
            SPEC.child("dataStore"),
            name,
            "a TenantControlPlane can only be migrated to a DataStore of its current driver "
                + oldDriver.get()
                + ", not "
                + driver.get()));
  }

  private static List<FieldError> dataStoreExists(JsonObject spec, ValidationContext ctx) {
    String name = Nodes.string(spec, "dataStore");
    if (name == null || name.isEmpty() || ctx.dataStoreExists(name)) {
      return List.of();
    }
    return List.of(FieldErrors.notFound(SPEC.child("dataStore"), name));
  }

  private static List<FieldError> overrides(JsonObject spec, ValidationContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    JsonArray overrides = Nodes.array(spec, "dataStoreOverrides");
    if (overrides == null) {
      return errors;
    }
    Set<String> resources = new HashSet<>();
    for (int i = 0; i < overrides.size(); i++) {
      if (!(overrides.get(i) instanceof JsonObject override)) {
        continue;
      }
      FieldPath path = SPEC.child("dataStoreOverrides").index(i);
      String resource = Nodes.string(override, "resource");
      if (resource == null || resource.isEmpty()) {
        errors.add(FieldErrors.required(path.child("resource"), ""));
      } else if (!resources.add(resource)) {
        errors.add(FieldErrors.duplicate(path.child("resource"), resource));
      }
      String dataStore = Nodes.string(override, "dataStore");
      if (dataStore == null || dataStore.isEmpty()) {
        errors.add(FieldErrors.required(path.child("dataStore"), ""));
      } else if (!ctx.dataStoreExists(dataStore)) {
        errors.add(FieldErrors.notFound(path.child("dataStore"), dataStore));
      }
    }
    return errors;
  }

  private static List<FieldError> notUnset(JsonObject spec, JsonObject oldSpec, String field) {
    if (Nodes.hasText(oldSpec, field) && !Nodes.hasText(spec, field)) {
      return List.of(
          FieldErrors.forbidden(SPEC.child(field), "unsetting the " + field + " is not supported"));
    }
    return List.of();
  }

  private static List<FieldError> unchanged(JsonObject spec, JsonObject oldSpec, String field) {
    String now = Nodes.string(spec, field);
    String before = Nodes.string(oldSpec, field);
    if (now != null
        && !now.isEmpty()
        && before != null
        && !before.isEmpty()
        && !now.equals(before)) {
      return List.of(
          FieldErrors.invalid(
              SPEC.child(field), now, "changing the " + field + " is not supported"));
    }
    return List.of();
  }
}
