package dev.controlplanes.kamaji.apiserver.registry.datastore;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.validation.DataStoreValidation;
import dev.controlplanes.kamaji.api.validation.ObjectMetaValidation;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import dev.controlplanes.kamaji.apiserver.registry.SchemaChecks;
import dev.controlplanes.kamaji.apiserver.registry.Strategy;
import java.util.List;

/** Kamaji's DataStore CEL rules, run in-process. */
public final class DataStoreStrategy implements Strategy {

  @Override
  public List<Cause> validate(JsonObject object) {
    return SchemaChecks.causes(DataStoreValidation.validate(object));
  }

  @Override
  public List<Cause> validateUpdate(JsonObject object, JsonObject old) {
    return SchemaChecks.causes(DataStoreValidation.validateUpdate(object, old));
  }

  @Override
  public List<Cause> validateStatusUpdate(JsonObject object, JsonObject old) {
    return SchemaChecks.causes(DataStoreValidation.validateStatusUpdate(object, old));
  }

  @Override
  public List<String> warnings(JsonObject object) {
    return ObjectMetaValidation.finalizerWarnings(Meta.metadata(object));
  }
}
