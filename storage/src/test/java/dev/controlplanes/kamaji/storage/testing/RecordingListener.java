package dev.controlplanes.kamaji.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.WatchEvent;
import dev.controlplanes.kamaji.storage.WatchListener;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WatchListener} that queues what it receives, for tests to take in order with a timeout.
 * It also records the threads it was called on and whether calls ever overlapped.
 */
public final class RecordingListener implements WatchListener {

  /** A progress notification. */
  public record Progress(long revision) {}

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();

  @Override
  public void onEvent(WatchEvent event) {
    record(event);
  }

  @Override
  public void onProgress(long revision) {
    record(new Progress(revision));
  }

  @Override
  public void onError(StorageException error) {
    record(error);
  }

  public WatchEvent nextEvent() {
    return next(WatchEvent.class);
  }

  public Progress nextProgress() {
    return next(Progress.class);
  }

  public StorageException nextError() {
    return next(StorageException.class);
  }

  /** Nothing received that was not taken yet. */
  public boolean isDrained() {
    return received.isEmpty();
  }

  /** The distinct threads the listener was called on. */
  public Set<Thread> threads() {
    return Set.copyOf(threads);
  }

  /** How many calls started while another one was still running (should be 0). */
  public int overlaps() {
    return overlaps.get();
  }

  private void record(Object signal) {
    if (inFlight.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    try {
      threads.add(Thread.currentThread());
      received.add(signal);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private <T> T next(Class<T> type) {
    Object signal;
    try {
      signal = received.poll(WAIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    if (signal == null) {
      return fail("no %s within %s", type.getSimpleName(), WAIT);
    }
    assertThat(signal).as("next watch signal").isInstanceOf(type);
    return type.cast(signal);
  }
}
