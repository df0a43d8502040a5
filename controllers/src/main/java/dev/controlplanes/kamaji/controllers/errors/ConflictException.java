package dev.controlplanes.kamaji.controllers.errors;

/**
 * Optimistic concurrency lost more often than the retries allow: the next pass starts over from
 * fresh reads.
 */
public final class ConflictException extends RequeueException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String what) {
    super("conflicting concurrent update of " + what);
  }
}
