package dev.controlplanes.kamaji.storage;

/** Receives the events of one {@link Store#watch}. Calls are never concurrent. */
public interface WatchListener {

  void onEvent(WatchEvent event);

  /**
   * The store is known to be up to date at {@code revision} with no change pending for this watch
   * (an etcd progress notification); the API layer turns it into a BOOKMARK.
   */
  void onProgress(long revision);

  /** The watch failed and has ended; no more calls follow. */
  void onError(StorageException error);
}
