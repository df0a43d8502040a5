package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Schema-driven processing of a decoded object: pruning unknown fields and defaulting. Validation
 * (schema, ObjectMeta and Kamaji's rules) is the {@link Strategy}'s. One implementation per
 * resource type, built from its schema.
 */
public interface ObjectChecks {

  /** Removes undeclared fields and returns their paths (for fieldValidation Strict and Warn). */
  List<String> prune(JsonObject object);

  void applyDefaults(JsonObject object);
}
