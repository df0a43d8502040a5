package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The standard checks of an object's {@code metadata} on create and update, with the paths, error
 * kinds and messages of Kubernetes ({@code k8s.io/apimachinery/pkg/api/validation}).
 *
 * <p>Create expects name generation to have happened already: a missing name is reported as {@code
 * name or generateName is required}. Update expects the server to have filled in the stored
 * resourceVersion for unconditional updates before validating.
 */
public final class ObjectMetaValidation {

  /** Checks a name, or a generateName prefix when {@code prefix} is true; returns problems. */
  @FunctionalInterface
  public interface NameValidator {
    List<String> validate(String name, boolean prefix);
  }

  /** Names that are DNS-1123 subdomains, the default for objects. */
  public static final NameValidator DNS_SUBDOMAIN =
      (name, prefix) -> NameFormats.isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);

  /** Names that are DNS-1123 labels, as namespaces are. */
  public static final NameValidator DNS_LABEL =
      (name, prefix) -> NameFormats.isDns1123Label(prefix ? maskTrailingDash(name) : name);

  /** Names that are DNS-1035 labels, as Kamaji requires of TenantControlPlanes. */
  public static final NameValidator DNS_1035_LABEL =
      (name, prefix) -> NameFormats.isDns1035Label(prefix ? maskTrailingDash(name) : name);

  /** The most bytes all annotation keys and values may take together (256 KiB). */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  static final String FIELD_IMMUTABLE = "field is immutable";

  private static final FieldPath METADATA = FieldPath.root("metadata");

  private static final Set<String> STANDARD_FINALIZERS =
      Set.of("orphan", "foregroundDeletion", "kubernetes");

  private ObjectMetaValidation() {}

  /** Validates {@code metadata} of an object being created. */
  public static List<FieldError> validateCreate(
      JsonObject metadata, boolean namespaced, NameValidator nameValidator) {
    Objects.requireNonNull(nameValidator, "nameValidator");
    List<FieldError> errors = new ArrayList<>();
    if (metadata == null) {
      errors.add(FieldErrors.required(METADATA.child("name"), "name or generateName is required"));
      return errors;
    }
    String generateName = Nodes.string(metadata, "generateName");
    if (generateName != null && !generateName.isEmpty()) {
      for (String msg : nameValidator.validate(generateName, true)) {
        errors.add(FieldErrors.invalid(METADATA.child("generateName"), generateName, msg));
      }
    }
    String name = Nodes.string(metadata, "name");
    if (name == null || name.isEmpty()) {
      errors.add(FieldErrors.required(METADATA.child("name"), "name or generateName is required"));
    } else {
      for (String msg : nameValidator.validate(name, false)) {
        errors.add(FieldErrors.invalid(METADATA.child("name"), name, msg));
      }
    }
    errors.addAll(validateNamespace(metadata, namespaced));
    errors.addAll(validateGeneration(metadata));
    errors.addAll(validateLabels(metadata.get("labels"), METADATA.child("labels")));
    errors.addAll(validateAnnotations(metadata.get("annotations"), METADATA.child("annotations")));
    errors.addAll(
        validateOwnerReferences(
            metadata.get("ownerReferences"), METADATA.child("ownerReferences")));
    errors.addAll(validateFinalizers(metadata.get("finalizers"), METADATA.child("finalizers")));
    return errors;
  }

  /** Validates {@code metadata} of an object being updated against the stored one. */
  public static List<FieldError> validateUpdate(JsonObject newMeta, JsonObject oldMeta) {
    JsonObject next = newMeta == null ? new JsonObject() : newMeta;
    JsonObject prev = oldMeta == null ? new JsonObject() : oldMeta;
    List<FieldError> errors = new ArrayList<>();
    if (Nodes.present(prev, "deletionTimestamp")) {
      errors.addAll(noNewFinalizers(next, prev));
    }
    String resourceVersion = Nodes.string(next, "resourceVersion");
    if (resourceVersion == null || resourceVersion.isEmpty()) {
      errors.add(
          FieldErrors.invalid(
              METADATA.child("resourceVersion"), "", "must be specified for an update"));
    }
    errors.addAll(validateGeneration(next));
    Long newGeneration = Nodes.integer(next, "generation");
    Long oldGeneration = Nodes.integer(prev, "generation");
    if (newGeneration != null && oldGeneration != null && newGeneration < oldGeneration) {
      errors.add(
          FieldErrors.invalid(
              METADATA.child("generation"), newGeneration, "must not be decremented"));
    }
    for (String field :
        List.of(
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      JsonElement now = Nodes.get(next, field);
      if (!Objects.equals(now, Nodes.get(prev, field))) {
        errors.add(
            FieldErrors.invalid(METADATA.child(field), display(field, now), FIELD_IMMUTABLE));
      }
    }
    errors.addAll(validateLabels(next.get("labels"), METADATA.child("labels")));
    errors.addAll(validateAnnotations(next.get("annotations"), METADATA.child("annotations")));
    errors.addAll(
        validateOwnerReferences(next.get("ownerReferences"), METADATA.child("ownerReferences")));
    return errors;
  }

  /** Label keys must be qualified names and values valid label values. */
  public static List<FieldError> validateLabels(JsonElement labels, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject map = stringMap(labels, path, errors);
    if (map == null) {
      return errors;
    }
    for (Map.Entry<String, JsonElement> e : map.entrySet()) {
      for (String msg : NameFormats.isQualifiedName(e.getKey())) {
        errors.add(FieldErrors.invalid(path, e.getKey(), msg));
      }
      String value = Nodes.asString(e.getValue());
      if (value != null) {
        for (String msg : NameFormats.isValidLabelValue(value)) {
          errors.add(FieldErrors.invalid(path, value, msg));
        }
      }
    }
    return errors;
  }

  /** Annotation keys must be qualified names (case-insensitively); the total size is limited. */
  public static List<FieldError> validateAnnotations(JsonElement annotations, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject map = stringMap(annotations, path, errors);
    if (map == null) {
      return errors;
    }
    long total = 0;
    for (Map.Entry<String, JsonElement> e : map.entrySet()) {
      for (String msg : NameFormats.isQualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
        errors.add(FieldErrors.invalid(path, e.getKey(), msg));
      }
      String value = Nodes.asString(e.getValue());
      total += bytes(e.getKey()) + (value == null ? 0 : bytes(value));
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errors.add(FieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errors;
  }

  /** Finalizers must be qualified names, and orphan and foregroundDeletion exclude each other. */
  public static List<FieldError> validateFinalizers(JsonElement finalizers, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    JsonArray list = stringList(finalizers, path, errors);
    if (list == null) {
      return errors;
    }
    List<String> names = Nodes.strings(list);
    for (String finalizer : names) {
      if (finalizer != null) {
        for (String msg : NameFormats.isQualifiedName(finalizer)) {
          errors.add(FieldErrors.invalid(path, finalizer, msg));
        }
      }
    }
    if (names.contains("orphan") && names.contains("foregroundDeletion")) {
      errors.add(
          FieldErrors.invalid(
              path, list, "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    return errors;
  }

  /**
   * The warnings Kubernetes sends (create and update) for finalizers without a domain prefix, other
   * than its own {@code orphan}, {@code foregroundDeletion} and {@code kubernetes}.
   */
  public static List<String> finalizerWarnings(JsonObject metadata) {
    List<String> warnings = new ArrayList<>();
    for (String finalizer : stringsOrEmpty(Nodes.array(metadata, "finalizers"))) {
      if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
        warnings.add(
            METADATA.child("finalizers")
                + ": "
                + FieldErrors.quote(finalizer)
                + ": prefer a domain-qualified finalizer name including a path (/) to avoid"
                + " accidental conflicts with other finalizer writers");
      }
    }
    return warnings;
  }

  /** Each owner reference needs apiVersion, kind, name and uid; at most one may be controller. */
  public static List<FieldError> validateOwnerReferences(JsonElement refs, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (refs == null || refs.isJsonNull()) {
      return errors;
    }
    if (!(refs instanceof JsonArray list)) {
      errors.add(typeError(path, refs, "array"));
      return errors;
    }
    String firstController = null;
    for (int i = 0; i < list.size(); i++) {
      FieldPath item = path.index(i);
      if (!(list.get(i) instanceof JsonObject ref)) {
        errors.add(typeError(item, list.get(i), "object"));
        continue;
      }
      errors.addAll(validateOwnerReference(ref, item));
      JsonElement controller = ref.get("controller");
      if (controller != null
          && controller.isJsonPrimitive()
          && controller.getAsJsonPrimitive().isBoolean()
          && controller.getAsBoolean()) {
        String current = Nodes.string(ref, "kind") + "/" + Nodes.string(ref, "name");
        if (firstController == null) {
          firstController = current;
        } else {
          errors.add(
              FieldErrors.invalid(
                  path,
                  list,
                  "Only one reference can have Controller set to true. Found \"true\" in references"
                      + " for "
                      + firstController
                      + " and "
                      + current));
        }
      }
    }
    return errors;
  }

  private static List<FieldError> validateOwnerReference(JsonObject ref, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    String apiVersion = Nodes.string(ref, "apiVersion");
    String version = null;
    String group = "";
    if (apiVersion == null || apiVersion.isEmpty()) {
      errors.add(FieldErrors.required(path.child("apiVersion"), "must not be empty"));
    } else {
      String[] parts = apiVersion.split("/", -1);
      if (parts.length == 1) {
        version = parts[0];
      } else if (parts.length == 2) {
        group = parts[0];
        version = parts[1];
      }
      if (version == null || version.isEmpty()) {
        errors.add(
            FieldErrors.invalid(
                path.child("apiVersion"), apiVersion, "must be <group>/<version> or <version>"));
      }
    }
    for (String field : List.of("kind", "name", "uid")) {
      if (!Nodes.hasText(ref, field)) {
        errors.add(FieldErrors.required(path.child(field), "must not be empty"));
      }
    }
    if (group.isEmpty() && "v1".equals(version) && "Event".equals(Nodes.string(ref, "kind"))) {
      errors.add(
          FieldErrors.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
    }
    return errors;
  }

  private static List<FieldError> validateNamespace(JsonObject metadata, boolean namespaced) {
    FieldPath path = METADATA.child("namespace");
    String namespace = Nodes.string(metadata, "namespace");
    if (!namespaced) {
      return namespace == null || namespace.isEmpty()
          ? List.of()
          : List.of(FieldErrors.forbidden(path, "not allowed on this type"));
    }
    if (namespace == null || namespace.isEmpty()) {
      return List.of(FieldErrors.required(path, ""));
    }
    List<FieldError> errors = new ArrayList<>();
    for (String msg : DNS_LABEL.validate(namespace, false)) {
      errors.add(FieldErrors.invalid(path, namespace, msg));
    }
    return errors;
  }

  private static List<FieldError> validateGeneration(JsonObject metadata) {
    Long generation = Nodes.integer(metadata, "generation");
    if (generation != null && generation < 0) {
      return List.of(
          FieldErrors.invalid(
              METADATA.child("generation"), generation, "must be greater than or equal to 0"));
    }
    return List.of();
  }

  private static List<FieldError> noNewFinalizers(JsonObject next, JsonObject prev) {
    Set<String> added = new TreeSet<>(stringsOrEmpty(Nodes.array(next, "finalizers")));
    added.removeAll(stringsOrEmpty(Nodes.array(prev, "finalizers")));
    if (added.isEmpty()) {
      return List.of();
    }
    StringBuilder list = new StringBuilder("[]string{");
    added.forEach(f -> list.append(list.length() > 9 ? ", " : "").append(FieldErrors.quote(f)));
    list.append('}');
    return List.of(
        FieldErrors.forbidden(
            METADATA.child("finalizers"),
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + list));
  }

  private static List<String> stringsOrEmpty(JsonArray array) {
    List<String> out = new ArrayList<>(Nodes.strings(array));
    out.removeIf(Objects::isNull);
    return out;
  }

  private static JsonObject stringMap(JsonElement value, FieldPath path, List<FieldError> errors) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!(value instanceof JsonObject map)) {
      errors.add(typeError(path, value, "object"));
      return null;
    }
    for (Map.Entry<String, JsonElement> e : map.entrySet()) {
      if (Nodes.asString(e.getValue()) == null) {
        errors.add(typeError(path.key(e.getKey()), e.getValue(), "string"));
      }
    }
    return map;
  }

  private static JsonArray stringList(JsonElement value, FieldPath path, List<FieldError> errors) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!(value instanceof JsonArray list)) {
      errors.add(typeError(path, value, "array"));
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      if (Nodes.asString(list.get(i)) == null) {
        errors.add(typeError(path.index(i), list.get(i), "string"));
      }
    }
    return list;
  }

  static FieldError typeError(FieldPath path, JsonElement value, String expected) {
    String actual = typeName(value);
    return FieldErrors.typeInvalid(
        path,
        actual,
        path + " in body must be of type " + expected + ": " + FieldErrors.quote(actual));
  }

  private static String typeName(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonObject()) {
      return "object";
    }
    if (value.isJsonArray()) {
      return "array";
    }
    if (value.getAsJsonPrimitive().isBoolean()) {
      return "boolean";
    }
    return value.getAsJsonPrimitive().isNumber() ? "number" : "string";
  }

  /** How Kubernetes shows an absent value: an empty string, or null for pointer-like fields. */
  private static Object display(String field, JsonElement value) {
    if (value != null) {
      return value;
    }
    return List.of("name", "namespace", "uid").contains(field) ? "" : JsonNull.INSTANCE;
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Replaces a trailing dash of a generateName prefix so it can be checked as a name. */
  static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }
}
