package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldPath;
import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.api.schema.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validation of TenantControlPlanes: ObjectMeta rules, the structural schema, and every CEL rule
 * and validating-webhook check of Kamaji. Pure functions; they collect every problem.
 *
 * <p>Call them on pruned and defaulted objects (schema defaults, then on create {@link
 * dev.controlplanes.kamaji.api.defaulting.TenantControlPlaneDefaults}), as kube-apiserver runs
 * validation after defaulting and mutating admission.
 */
public final class TenantControlPlaneValidation {

  private TenantControlPlaneValidation() {}

  /** Validates a TenantControlPlane being created. */
  public static List<FieldError> validate(JsonObject tcp, ValidationContext ctx) {
    Objects.requireNonNull(tcp, "tcp");
    Objects.requireNonNull(ctx, "ctx");
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(
        ObjectMetaValidation.validateCreate(
            Nodes.object(tcp, "metadata"), true, ObjectMetaValidation.DNS_1035_LABEL));
    errors.addAll(SchemaValidator.validate(tcp, Schemas.tenantControlPlane()));
    JsonObject spec = Nodes.object(tcp, "spec");
    if (spec != null) {
      errors.addAll(specRules(spec, ctx));
      errors.addAll(VersionRules.validateCreate(spec, ctx));
      errors.addAll(DataStoreReferenceRules.validateCreate(spec, ctx));
    }
    return errors;
  }

  /** Validates an update of the main resource against the stored object. */
  public static List<FieldError> validateUpdate(
      JsonObject newTcp, JsonObject oldTcp, ValidationContext ctx) {
    Objects.requireNonNull(newTcp, "newTcp");
    Objects.requireNonNull(oldTcp, "oldTcp");
    Objects.requireNonNull(ctx, "ctx");
    List<FieldError> errors = new ArrayList<>();
    JsonObject metadata = Nodes.object(newTcp, "metadata");
    errors.addAll(ObjectMetaValidation.validateUpdate(metadata, Nodes.object(oldTcp, "metadata")));
    errors.addAll(SchemaValidator.validate(newTcp, Schemas.tenantControlPlane()));
    JsonObject spec = Nodes.object(newTcp, "spec");
    if (spec != null) {
      JsonObject oldSpec = Nodes.object(oldTcp, "spec");
      JsonObject previous = oldSpec == null ? new JsonObject() : oldSpec;
      errors.addAll(specRules(spec, ctx));
      errors.addAll(NetworkProfileRules.validateUpdate(spec, previous));
      errors.addAll(VersionRules.validateUpdate(spec, previous, metadata, ctx));
      errors.addAll(DataStoreReferenceRules.validateUpdate(spec, previous, ctx));
    }
    return errors;
  }

  /**
   * Validates a write through the status subresource: metadata update rules and the status schema.
   * Kamaji declares no rules on status.
   */
  public static List<FieldError> validateStatusUpdate(JsonObject newTcp, JsonObject oldTcp) {
    Objects.requireNonNull(newTcp, "newTcp");
    Objects.requireNonNull(oldTcp, "oldTcp");
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(
        ObjectMetaValidation.validateUpdate(
            Nodes.object(newTcp, "metadata"), Nodes.object(oldTcp, "metadata")));
    errors.addAll(statusSchema(newTcp, Schemas.tenantControlPlane()));
    return errors;
  }

  private static List<FieldError> specRules(JsonObject spec, ValidationContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(NetworkProfileRules.validate(spec));
    errors.addAll(ControlPlaneRules.validate(spec, ctx));
    return errors;
  }

  static List<FieldError> statusSchema(JsonObject object, Schema schema) {
    if (!object.has("status")) {
      return List.of();
    }
    return SchemaValidator.validate(
        object.get("status"), schema.properties().get("status"), FieldPath.root("status"));
  }
}
