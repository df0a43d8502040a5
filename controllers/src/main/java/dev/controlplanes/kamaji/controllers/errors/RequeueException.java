package dev.controlplanes.kamaji.controllers.errors;

import java.time.Duration;

/**
 * A transient state that ends a reconcile pass and asks for another one soon, like Kamaji's
 * sentinel errors: expected while a tenant converges, so it is logged at debug level only and
 * carries no stack trace.
 */
public class RequeueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Kamaji requeues every sentinel after one second. */
  public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

  private final transient Duration delay;

  public RequeueException(String message) {
    this(message, DEFAULT_DELAY);
  }

  public RequeueException(String message, Duration delay) {
    super(message, null, false, false);
    this.delay = delay;
  }

  public Duration delay() {
    return delay;
  }
}
