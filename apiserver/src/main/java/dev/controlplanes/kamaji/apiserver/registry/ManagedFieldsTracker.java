package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.apiserver.apply.FieldManager;
import java.time.Instant;

/** managedFields for non-apply writes, computed by the apply engine's {@link FieldManager}. */
public final class ManagedFieldsTracker implements FieldTracker {

  private final FieldManager fieldManager;

  public ManagedFieldsTracker(Schema schema) {
    this.fieldManager = new FieldManager(schema);
  }

  @Override
  public JsonObject track(
      JsonObject old, JsonObject updated, String manager, String subresource, Instant now) {
    return fieldManager.update(old, updated, manager, subresource, now);
  }
}
