package dev.controlplanes.kamaji.storage;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A versioned key-value store for API objects, modelled on the etcd3 storage of k8s.io/apiserver.
 *
 * <p>Values are opaque bytes: this layer knows nothing about API types. Every stored value carries
 * the store revision at which it was last modified ({@link KeyValue#modRevision()}); the API layer
 * exposes that number as {@code metadata.resourceVersion}. Revisions are global and monotonic, so
 * they can be compared across keys and across server replicas.
 *
 * <p>All methods are thread-safe. Failures are reported as {@link StorageException} with a closed
 * set of {@link StorageException.Code codes}, which the API layer translates into HTTP statuses.
 */
public interface Store extends AutoCloseable {

  /**
   * Stores {@code value} under {@code key} if the key does not exist yet; fails with KEY_EXISTS.
   */
  KeyValue create(String key, byte[] value);

  /** Reads the latest value of {@code key} with a linearizable read. */
  Optional<KeyValue> get(String key);

  /**
   * {@link #get} without blocking the caller: the future completes with the value, or with the same
   * {@link StorageException} that {@link #get} would throw. It may complete on a thread of the
   * store's transport, so what is chained to it must not block.
   */
  default CompletableFuture<Optional<KeyValue>> getAsync(String key) {
    try {
      return CompletableFuture.completedFuture(get(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Lists the keys under {@code prefix} in key order.
   *
   * @throws StorageException with code EXPIRED when the requested revision has been compacted, and
   *     REVISION_TOO_LARGE when it is newer than the store's current revision
   */
  ListResult list(String prefix, ListOptions options);

  /**
   * Replaces the value of {@code key} only if its current modification revision equals {@code
   * expectedModRevision}; fails with CONFLICT when it does not and KEY_NOT_FOUND when the key is
   * gone. {@code expectedModRevision} must be positive: it is a revision read from the store.
   */
  KeyValue update(String key, long expectedModRevision, byte[] value);

  /**
   * Deletes {@code key} only if its current modification revision equals {@code
   * expectedModRevision}; fails with CONFLICT when it does not and KEY_NOT_FOUND when the key is
   * gone. Returns the deleted value with {@link KeyValue#modRevision()} set to the revision of the
   * delete. {@code expectedModRevision} must be positive.
   */
  KeyValue delete(String key, long expectedModRevision);

  /**
   * Streams the changes to keys under {@code prefix} that happen after {@code afterRevision}, in
   * revision order. A revision of 0 means "from now": every change committed after this method
   * returns is delivered. The listener is called from one thread per watch, never concurrently.
   * Failures, including a watch that cannot start, reach the listener through {@link
   * WatchListener#onError} rather than as an exception from this method. If the start revision has
   * been compacted the listener receives {@link WatchListener#onError} with code EXPIRED and the
   * watch ends.
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /** The current revision of the store (a consistent read of the header revision). */
  long currentRevision();

  /** Compacts history older than {@code revision}; later reads of older revisions give EXPIRED. */
  void compact(long revision);

  /** True when the backend answers; used by readiness checks. */
  boolean isHealthy();

  @Override
  void close();
}
