package dev.controlplanes.kamaji.controllers.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.controllers.errors.ConflictException;
import io.kubernetes.client.common.KubernetesObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that writes owned objects to the management cluster. A create-or-update compares
 * the desired object's checksum (kept in the {@value #CHECKSUM_ANNOTATION} annotation) and its
 * content with the live object and skips the write when both still match, so a converged tenant
 * costs no writes; conflicts are retried against fresh reads.
 */
public final class ObjectWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectWriter.class);

  public static final String CHECKSUM_ANNOTATION = "kamaji.clastix.io/checksum";

  static final int ATTEMPTS = 5;

  private final OwnWrites ownWrites = new OwnWrites();

  /** Fields the API server owns: never part of a desired state or its checksum. */
  private static final Set<String> SERVER_METADATA =
      Set.of(
          "resourceVersion",
          "uid",
          "creationTimestamp",
          "generation",
          "managedFields",
          "selfLink",
          "deletionTimestamp",
          "deletionGracePeriodSeconds");

  /**
   * Creates {@code desired} or brings the live object to it. Top-level content (spec, data, type,
   * ...) is replaced; labels and annotations are merged over the live ones; ownerReferences are
   * replaced; finalizers are added to the live ones.
   */
  public <T extends KubernetesObject> Applied<T> createOrUpdate(
      ObjectClient<T> client, T desired, Class<T> type) {
    JsonObject want = desiredTree(desired);
    String checksum = checksum(want);
    annotations(want).addProperty(CHECKSUM_ANNOTATION, checksum);
    String namespace = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<T> live =
          attempt == 0 ? client.cached(namespace, name) : client.live(namespace, name);
      if (live.isEmpty()) {
        try {
          return new Applied<>(
              WriteResult.CREATED, recorded(client.create(KubeJson.object(want, type))));
        } catch (KubeApiException e) {
          if (!e.isConflict()) {
            throw e;
          }
          continue; // it exists after all (stale cache): compare with the live one
        }
      }
      JsonObject actual = KubeJson.tree(live.get());
      if (isUpToDate(actual, want, checksum)) {
        return new Applied<>(WriteResult.UNCHANGED, live.get());
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {}/{} differs at {}",
            client.kind(),
            namespace,
            name,
            KubeJson.firstDifference(actual, want, "").orElse("the checksum annotation"));
      }
      try {
        return new Applied<>(
            WriteResult.UPDATED,
            recorded(client.update(KubeJson.object(merge(actual, want), type))));
      } catch (KubeApiException e) {
        if (!e.isConflict() && !e.isNotFound()) {
          throw e;
        }
      }
    }
    throw new ConflictException(client.kind() + " " + namespace + "/" + name);
  }

  /**
   * Deletes the object if the cache has it. Absent from the cache is trusted rather than confirmed
   * by a read on every pass (one GET per turned-off resource per pass, a 404 nearly always): an
   * owned object the cache does not know yet arrives as an informer event that requeues its owner,
   * whose next pass deletes it.
   */
  public <T extends KubernetesObject> WriteResult delete(
      ObjectClient<T> client, String namespace, String name) {
    if (client.cached(namespace, name).isEmpty()) {
      return WriteResult.UNCHANGED;
    }
    client.delete(namespace, name);
    return WriteResult.DELETED;
  }

  /**
   * Applies {@code change} to a fresh copy of the live object and writes it (the whole object or
   * its status), retrying on conflicts. Returns empty when the object is gone.
   */
  public <T extends KubernetesObject> Optional<T> modify(
      ObjectClient<T> client,
      String namespace,
      String name,
      Class<T> type,
      boolean status,
      Consumer<T> change) {
    return modify(client, namespace, name, null, type, status, change);
  }

  /**
   * Like {@link #modify(ObjectClient, String, String, Class, boolean, Consumer)}, but the first
   * attempt starts from {@code latest}, the caller's newest copy (usually what its previous write
   * returned), instead of reading the object again. Its resourceVersion is the write's
   * precondition, so a stale copy only costs a conflict and a retry on a fresh read; a change that
   * looks like a no-op on it is re-checked against a fresh read before being skipped.
   */
  public <T extends KubernetesObject> Optional<T> modify(
      ObjectClient<T> client, T latest, Class<T> type, boolean status, Consumer<T> change) {
    return modify(
        client,
        latest.getMetadata().getNamespace(),
        latest.getMetadata().getName(),
        latest,
        type,
        status,
        change);
  }

  private <T extends KubernetesObject> Optional<T> modify(
      ObjectClient<T> client,
      String namespace,
      String name,
      T latest,
      Class<T> type,
      boolean status,
      Consumer<T> change) {
    boolean known = latest != null && latest.getMetadata().getResourceVersion() != null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      boolean fromKnown = known && attempt == 0;
      Optional<T> live = fromKnown ? Optional.of(latest) : client.live(namespace, name);
      if (live.isEmpty()) {
        return Optional.empty();
      }
      T copy = KubeJson.copy(live.get(), type);
      change.accept(copy);
      if (KubeJson.tree(copy).equals(KubeJson.tree(live.get()))) {
        if (fromKnown) {
          continue; // our copy may be stale: confirm the no-op on a fresh read
        }
        return live;
      }
      try {
        return Optional.of(recorded(status ? client.updateStatus(copy) : client.update(copy)));
      } catch (KubeApiException e) {
        if (e.isNotFound()) {
          return Optional.empty();
        }
        if (!e.isConflict()) {
          throw e;
        }
      }
    }
    throw new ConflictException(client.kind() + " " + namespace + "/" + name);
  }

  /** The versions this writer produced, to tell our own watch events from others'. */
  public OwnWrites ownWrites() {
    return ownWrites;
  }

  private <T extends KubernetesObject> T recorded(T written) {
    ownWrites.record(written);
    return written;
  }

  static boolean isUpToDate(JsonObject actual, JsonObject want, String checksum) {
    JsonElement liveChecksum = annotations(actual).get(CHECKSUM_ANNOTATION);
    return liveChecksum != null
        && liveChecksum.isJsonPrimitive()
        && liveChecksum.getAsString().equals(checksum)
        && KubeJson.contains(actual, want);
  }

  static JsonObject desiredTree(KubernetesObject desired) {
    JsonObject want = KubeJson.tree(desired);
    want.remove("status");
    JsonObject metadata = want.getAsJsonObject("metadata");
    SERVER_METADATA.forEach(metadata::remove);
    return want;
  }

  static String checksum(JsonObject want) {
    JsonObject copy = want.deepCopy();
    annotations(copy).remove(CHECKSUM_ANNOTATION);
    return Checksums.of(copy);
  }

  static JsonObject merge(JsonObject actual, JsonObject want) {
    JsonObject merged = actual.deepCopy();
    for (Map.Entry<String, JsonElement> e : want.entrySet()) {
      String key = e.getKey();
      if (!key.equals("metadata") && !key.equals("status")) {
        merged.add(key, e.getValue().deepCopy());
      }
    }
    JsonObject metadata = merged.getAsJsonObject("metadata");
    JsonObject wantMeta = want.getAsJsonObject("metadata");
    for (String map : new String[] {"labels", "annotations"}) {
      if (wantMeta.has(map)) {
        JsonObject target = metadata.has(map) ? metadata.getAsJsonObject(map) : new JsonObject();
        wantMeta.getAsJsonObject(map).entrySet().forEach(x -> target.add(x.getKey(), x.getValue()));
        metadata.add(map, target);
      }
    }
    if (wantMeta.has("ownerReferences")) {
      metadata.add("ownerReferences", wantMeta.get("ownerReferences").deepCopy());
    }
    if (wantMeta.has("finalizers")) {
      Set<String> finalizers = new LinkedHashSet<>();
      if (metadata.has("finalizers")) {
        metadata.getAsJsonArray("finalizers").forEach(f -> finalizers.add(f.getAsString()));
      }
      wantMeta.getAsJsonArray("finalizers").forEach(f -> finalizers.add(f.getAsString()));
      JsonArray array = new JsonArray();
      finalizers.forEach(array::add);
      metadata.add("finalizers", array);
    }
    return merged;
  }

  private static JsonObject annotations(JsonObject object) {
    JsonObject metadata = object.getAsJsonObject("metadata");
    if (!metadata.has("annotations") || !metadata.get("annotations").isJsonObject()) {
      metadata.add("annotations", new JsonObject());
    }
    return metadata.getAsJsonObject("annotations");
  }
}
