package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;

/**
 * The outcome of a delete.
 *
 * @param object the deleted object, or the object now marked for deletion
 * @param removed true when the object is gone (kube then answers with a Success Status)
 */
public record DeleteResult(JsonObject object, boolean removed) {}
