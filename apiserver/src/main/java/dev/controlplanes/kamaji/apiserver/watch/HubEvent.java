package dev.controlplanes.kamaji.apiserver.watch;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A change decoded once for all watchers. Its states are the cache's encoded objects, shared with
 * the cache and with the neighbouring changes of the same object in the history, so the history
 * costs one encoded object per change rather than two object trees.
 *
 * @param object the new state (PUT) or the last state before the deletion (DELETE; its
 *     resourceVersion is that state's, {@link #deleted()} gives it the deletion's)
 * @param previous the state before the change, or null on creation
 */
public record HubEvent(
    Kind kind,
    CachedObject object,
    CachedObject previous,
    long revision,
    ConcurrentHashMap<String, byte[]> frames) {

  public enum Kind {
    PUT,
    DELETE
  }

  public HubEvent(Kind kind, CachedObject object, CachedObject previous, long revision) {
    this(kind, object, previous, revision, new ConcurrentHashMap<>());
  }

  /** The deleted object as watchers see it: its last state at the deletion's resourceVersion. */
  public JsonObject deleted() {
    JsonObject last = previous.tree();
    last.getAsJsonObject("metadata").addProperty("resourceVersion", Long.toString(revision));
    return last;
  }

  /**
   * The JSON watch frame {@code {"type":..,"object":<object>}\n} of this event, encoded once and
   * shared by every watcher that sends the object in full, as kube-apiserver's cacher does: ADDED
   * and MODIFIED carry the new state, DELETED the last one.
   */
  public byte[] frame(String type) {
    return frames.computeIfAbsent(
        type,
        t ->
            t.equals("DELETED")
                ? frame(t, Codec.toJsonBytes(deleted(), false))
                : frame(t, object.json()));
  }

  /** {@code {"type":"<type>","object":<json>}\n}, byte for byte what gson writes for the pair. */
  public static byte[] frame(String type, byte[] objectJson) {
    byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + objectJson.length + 2);
    out.writeBytes(head);
    out.writeBytes(objectJson);
    out.write('}');
    out.write('\n');
    return out.toByteArray();
  }
}
