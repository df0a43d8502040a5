package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import dev.controlplanes.kamaji.api.schema.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validation of DataStores: ObjectMeta rules (cluster-scoped, DNS-1123 subdomain names), the
 * structural schema, and Kamaji's CEL rules on drivers and credentials.
 *
 * <p>Every credential is a ContentRef that must carry inline {@code content} or a {@code
 * secretReference} with name and namespace. The etcd driver needs a TLS configuration with the CA
 * private key (Kamaji signs tenant certificates) and a client certificate; other drivers need a TLS
 * configuration or basic authentication.
 */
public final class DataStoreValidation {

  static final FieldPath SPEC = FieldPath.root("spec");
  static final FieldPath TLS = SPEC.child("tlsConfig");
  static final FieldPath BASIC_AUTH = SPEC.child("basicAuth");
  static final String ETCD = "etcd";

  private DataStoreValidation() {}

  /** Validates a DataStore being created. */
  public static List<FieldError> validate(JsonObject dataStore) {
    Objects.requireNonNull(dataStore, "dataStore");
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(
        ObjectMetaValidation.validateCreate(
            Nodes.object(dataStore, "metadata"), false, ObjectMetaValidation.DNS_SUBDOMAIN));
    errors.addAll(SchemaValidator.validate(dataStore, Schemas.dataStore()));
    JsonObject spec = Nodes.object(dataStore, "spec");
    if (spec != null) {
      errors.addAll(specRules(spec));
    }
    return errors;
  }

  /** Validates an update of the main resource; the driver cannot change. */
  public static List<FieldError> validateUpdate(JsonObject dataStore, JsonObject oldDataStore) {
    Objects.requireNonNull(dataStore, "dataStore");
    Objects.requireNonNull(oldDataStore, "oldDataStore");
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(
        ObjectMetaValidation.validateUpdate(
            Nodes.object(dataStore, "metadata"), Nodes.object(oldDataStore, "metadata")));
    errors.addAll(SchemaValidator.validate(dataStore, Schemas.dataStore()));
    JsonObject spec = Nodes.object(dataStore, "spec");
    if (spec != null) {
      errors.addAll(specRules(spec));
      String driver = Nodes.string(spec, "driver");
      String oldDriver = Nodes.string(oldDataStore, "spec", "driver");
      if (driver != null && oldDriver != null && !driver.equals(oldDriver)) {
        errors.add(
            FieldErrors.invalid(SPEC.child("driver"), driver, "Datastore driver is immutable"));
      }
    }
    return errors;
  }

  /** Validates a write through the status subresource. */
  public static List<FieldError> validateStatusUpdate(
      JsonObject dataStore, JsonObject oldDataStore) {
    Objects.requireNonNull(dataStore, "dataStore");
    Objects.requireNonNull(oldDataStore, "oldDataStore");
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(
        ObjectMetaValidation.validateUpdate(
            Nodes.object(dataStore, "metadata"), Nodes.object(oldDataStore, "metadata")));
    errors.addAll(TenantControlPlaneValidation.statusSchema(dataStore, Schemas.dataStore()));
    return errors;
  }

  private static List<FieldError> specRules(JsonObject spec) {
    String driver = Nodes.string(spec, "driver");
    if (driver == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    JsonObject tls = Nodes.object(spec, "tlsConfig");
    JsonObject basicAuth = Nodes.object(spec, "basicAuth");
    if (ETCD.equals(driver)) {
      errors.addAll(etcd(tls));
    } else {
      if (tls == null && basicAuth == null) {
        errors.add(
            FieldErrors.required(
                SPEC, "When driver is not etcd, either tlsConfig or basicAuth must be provided"));
      }
      errors.addAll(
          contentRef(
              Nodes.object(spec, "tlsConfig", "clientCertificate", "certificate"),
              TLS.child("clientCertificate").child("certificate"),
              "When driver is not etcd and tlsConfig exists, clientCertificate must be null or"
                  + " contain valid content"));
      errors.addAll(
          contentRef(
              Nodes.object(spec, "tlsConfig", "clientCertificate", "privateKey"),
              TLS.child("clientCertificate").child("privateKey"),
              "clientCertificate privateKey must have secretReference or content"));
      errors.addAll(
          contentRef(
              Nodes.object(basicAuth, "username"),
              BASIC_AUTH.child("username"),
              "When driver is not etcd and basicAuth exists, username must have secretReference"
                  + " or content"));
      errors.addAll(
          contentRef(
              Nodes.object(basicAuth, "password"),
              BASIC_AUTH.child("password"),
              "When driver is not etcd and basicAuth exists, password must have secretReference"
                  + " or content"));
    }
    errors.addAll(
        contentRef(
            Nodes.object(spec, "tlsConfig", "certificateAuthority", "certificate"),
            TLS.child("certificateAuthority").child("certificate"),
            "certificateAuthority certificate must have secretReference or content"));
    if (ETCD.equals(driver) && basicAuth != null) {
      errors.addAll(
          contentRef(
              Nodes.object(basicAuth, "username"),
              BASIC_AUTH.child("username"),
              "username must have secretReference or content"));
      errors.addAll(
          contentRef(
              Nodes.object(basicAuth, "password"),
              BASIC_AUTH.child("password"),
              "password must have secretReference or content"));
    }
    return errors;
  }

  private static List<FieldError> etcd(JsonObject tls) {
    if (tls == null) {
      return List.of(
          FieldErrors.required(
              TLS,
              "the etcd driver needs tlsConfig with the certificate authority private key and a"
                  + " client certificate"));
    }
    List<FieldError> errors = new ArrayList<>();
    FieldPath caKey = TLS.child("certificateAuthority").child("privateKey");
    String caKeyMessage =
        "certificateAuthority privateKey must have secretReference or content when driver is etcd";
    JsonObject key = Nodes.object(tls, "certificateAuthority", "privateKey");
    if (key == null) {
      errors.add(FieldErrors.required(caKey, caKeyMessage));
    } else {
      errors.addAll(contentRef(key, caKey, caKeyMessage));
    }
    FieldPath client = TLS.child("clientCertificate");
    String certMessage =
        "clientCertificate must have secretReference or content when driver is etcd";
    if (Nodes.object(tls, "clientCertificate") == null) {
      errors.add(FieldErrors.required(client, certMessage));
      return errors;
    }
    errors.addAll(
        contentRef(
            Nodes.object(tls, "clientCertificate", "certificate"),
            client.child("certificate"),
            certMessage));
    errors.addAll(
        contentRef(
            Nodes.object(tls, "clientCertificate", "privateKey"),
            client.child("privateKey"),
            "clientCertificate privateKey must have secretReference or content when driver is"
                + " etcd"));
    return errors;
  }

  /**
   * A present ContentRef needs non-empty content or a secretReference naming a Secret and its
   * namespace. An absent one is left to the schema's required rules.
   */
  private static List<FieldError> contentRef(JsonObject ref, FieldPath path, String message) {
    if (ref == null) {
      return List.of();
    }
    if (Nodes.hasText(ref, "content")) {
      return List.of();
    }
    JsonObject secret = Nodes.object(ref, "secretReference");
    if (secret == null) {
      return List.of(FieldErrors.required(path, message));
    }
    List<FieldError> errors = new ArrayList<>();
    FieldPath secretPath = path.child("secretReference");
    if (!Nodes.hasText(secret, "name")) {
      errors.add(FieldErrors.required(secretPath.child("name"), "the Secret name is required"));
    }
    if (!Nodes.hasText(secret, "namespace")) {
      errors.add(
          FieldErrors.required(secretPath.child("namespace"), "the Secret namespace is required"));
    }
    return errors;
  }
}
