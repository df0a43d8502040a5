package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * The outcome of a write.
 *
 * @param object the object as stored (or as it would be, for dry runs)
 * @param created true when the write created the object (201)
 * @param warnings texts for {@code Warning: 299} headers
 */
public record WriteResult(JsonObject object, boolean created, List<String> warnings) {}
