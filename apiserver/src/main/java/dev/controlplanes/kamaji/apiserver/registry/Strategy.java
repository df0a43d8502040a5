package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import java.util.List;

/**
 * The type-specific rules of a resource, as k8s.io/apiserver's RESTCreateStrategy and
 * RESTUpdateStrategy: defaulting and validation that the schema alone cannot express. The generic
 * store handles system metadata, status isolation, generation and schema checks around these.
 */
public interface Strategy {

  /** Defaults applied once on create, after uid and creationTimestamp are set. */
  default void defaultOnCreate(JsonObject object) {}

  /** Validation of a new object (the causes of a 422). */
  default List<Cause> validate(JsonObject object) {
    return List.of();
  }

  /** Validation of a change through the main resource. */
  default List<Cause> validateUpdate(JsonObject object, JsonObject old) {
    return List.of();
  }

  /** Validation of a change through the status subresource. */
  default List<Cause> validateStatusUpdate(JsonObject object, JsonObject old) {
    return List.of();
  }

  /** Warnings to return with a successful write. */
  default List<String> warnings(JsonObject object) {
    return List.of();
  }
}
