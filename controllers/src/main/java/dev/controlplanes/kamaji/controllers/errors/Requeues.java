package dev.controlplanes.kamaji.controllers.errors;

import java.time.Duration;
import java.util.Optional;

/** Tells transient states (requeue quietly) from failures (log, back off). */
public final class Requeues {

  private Requeues() {}

  /** The delay before the next pass if {@code error}, or one of its causes, is transient. */
  public static Optional<Duration> delayOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RequeueException requeue) {
        return Optional.of(requeue.delay());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
