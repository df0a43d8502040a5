package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import java.util.List;

/**
 * Schema-driven processing of a decoded object: pruning unknown fields, defaulting and structural
 * validation, plus standard ObjectMeta validation. One implementation per resource type, built from
 * its schema.
 */
public interface ObjectChecks {

  /** Removes undeclared fields and returns their paths (for fieldValidation Strict and Warn). */
  List<String> prune(JsonObject object);

  void applyDefaults(JsonObject object);

  /** Schema and ObjectMeta validation; {@code old} is null on create. */
  List<Cause> validate(JsonObject object, JsonObject old);
}
