package dev.controlplanes.kamaji.apiserver.watch;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A change decoded once for all watchers.
 *
 * @param object the new state (PUT) or the last state with the delete revision (DELETE)
 * @param previous the state before the change, or null on creation
 */
public record HubEvent(
    Kind kind,
    JsonObject object,
    JsonObject previous,
    long revision,
    ConcurrentHashMap<String, byte[]> frames) {

  public enum Kind {
    PUT,
    DELETE
  }

  public HubEvent(Kind kind, JsonObject object, JsonObject previous, long revision) {
    this(kind, object, previous, revision, new ConcurrentHashMap<>());
  }

  /**
   * The JSON watch frame {@code {"type":..,"object":<object>}\n} for this event's object, encoded
   * once and shared by every watcher that sends it in full, as kube-apiserver's cacher does.
   */
  public byte[] frame(String type) {
    return frames.computeIfAbsent(
        type,
        t -> {
          JsonObject event = new JsonObject();
          event.addProperty("type", t);
          event.add("object", object);
          return (Codec.toJsonString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        });
  }
}
