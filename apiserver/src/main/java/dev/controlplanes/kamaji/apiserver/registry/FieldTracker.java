package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.time.Instant;

/** Maintains {@code metadata.managedFields} for non-apply writes. */
public interface FieldTracker {

  /**
   * Returns {@code updated} with managedFields recording what {@code manager} changed relative to
   * {@code old} (null on create), through {@code subresource} ("" for the main resource).
   */
  JsonObject track(
      JsonObject old, JsonObject updated, String manager, String subresource, Instant now);
}
