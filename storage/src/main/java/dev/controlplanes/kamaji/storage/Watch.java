package dev.controlplanes.kamaji.storage;

/** A running watch; closing it stops the events. */
public interface Watch extends AutoCloseable {

  /** Asks the store to report progress soon, through {@link WatchListener#onProgress}. */
  void requestProgress();

  @Override
  void close();
}
