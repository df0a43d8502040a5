package dev.controlplanes.kamaji.apiserver.http;

/**
 * The writing end of a streamed response. Thread-safe; writes are flushed immediately so every
 * watch event reaches the client as soon as it is written.
 */
public interface StreamSink {

  /** Writes and flushes one chunk. Returns false when the stream is already closed. */
  boolean write(byte[] chunk);

  /** Bytes queued in the connection beyond what the client has read. */
  long pendingBytes();

  /** Ends the body cleanly. Idempotent. */
  void close();

  /** Runs {@code action} once when the stream ends, whoever ends it (client, server, timeout). */
  void onClose(Runnable action);

  /** Schedules {@code action} on the connection after {@code delayMillis}. */
  void schedule(Runnable action, long delayMillis);
}
