package dev.controlplanes.kamaji.controllers.metrics;

import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A work queue that reports its adds, retries and depth, how long items wait before a worker takes
 * them, and how long the worker keeps them. An item's wait starts when it is due: at its add, or
 * when the delay of a delayed add ends. The queue keeps one entry per item, so one take answers
 * every add that was due by then, and its wait is counted from the earliest of them; adds due later
 * wait for a later take.
 */
final class MeasuredQueue<T> implements RateLimitingQueue<T> {

  /** The delegate truncates delays to whole milliseconds, so a delayed item may come that early. */
  private static final long TIMER_SLACK_NANOS = 5_000_000;

  private final ControllerMetrics metrics;
  private final String name;
  private final RateLimitingQueue<T> queue;
  private final Map<T, List<Long>> dueTimes = new ConcurrentHashMap<>();
  private final Map<T, Long> takenAt = new ConcurrentHashMap<>();

  MeasuredQueue(ControllerMetrics metrics, String name, RateLimitingQueue<T> queue) {
    this.metrics = metrics;
    this.name = name;
    this.queue = queue;
  }

  @Override
  public void add(T item) {
    due(item, 0);
    queue.add(item);
    depthChanged();
  }

  @Override
  public void addAfter(T item, Duration delay) {
    due(item, delay.toNanos());
    queue.addAfter(item, delay);
  }

  @Override
  public void addRateLimited(T item) {
    metrics.queueRetries.labels(name).inc();
    // The limiter's delay is not known here; the wait is counted from now.
    due(item, 0);
    queue.addRateLimited(item);
  }

  private void due(T item, long delayNanos) {
    metrics.queueAdds.labels(name).inc();
    long due = System.nanoTime() + Math.max(0, delayNanos);
    dueTimes.compute(
        item,
        (key, times) -> {
          List<Long> updated = times == null ? new ArrayList<>(1) : times;
          updated.add(due);
          return updated;
        });
  }

  /** Removes the item's due times up to now; returns the earliest of them, or -1 if none. */
  private long takeDue(T item, long now) {
    long[] earliest = {-1};
    dueTimes.computeIfPresent(
        item,
        (key, times) -> {
          for (Iterator<Long> it = times.iterator(); it.hasNext(); ) {
            long due = it.next();
            if (due - now <= TIMER_SLACK_NANOS) {
              earliest[0] = earliest[0] < 0 ? due : Math.min(earliest[0], due);
              it.remove();
            }
          }
          return times.isEmpty() ? null : times;
        });
    return earliest[0];
  }

  @Override
  public T get() throws InterruptedException {
    T item = queue.get();
    if (item != null) {
      long now = System.nanoTime();
      long due = takeDue(item, now);
      if (due >= 0) {
        metrics.queueDuration.labels(name).observe(Math.max(0, now - due) / 1e9);
      }
      takenAt.put(item, now);
    }
    depthChanged();
    return item;
  }

  @Override
  public void done(T item) {
    Long taken = takenAt.remove(item);
    if (taken != null) {
      metrics.workDuration.labels(name).observe((System.nanoTime() - taken) / 1e9);
    }
    queue.done(item);
    depthChanged();
  }

  /**
   * Delayed items join the queue in the delegate's own thread; their depth shows at the next call.
   */
  private void depthChanged() {
    metrics.queueDepth.labels(name).set(queue.length());
  }

  @Override
  public int length() {
    return queue.length();
  }

  @Override
  public void shutDown() {
    queue.shutDown();
  }

  @Override
  public boolean isShuttingDown() {
    return queue.isShuttingDown();
  }

  @Override
  public void forget(T item) {
    queue.forget(item);
  }

  @Override
  public int numRequeues(T item) {
    return queue.numRequeues(item);
  }
}
