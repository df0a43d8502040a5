package dev.controlplanes.kamaji.apiserver.apply;

/**
 * An apply request that cannot be processed, other than a conflict ({@link
 * ApplyConflictException}).
 *
 * <p>{@link #httpStatus()} is what kube-apiserver answers: 400 {@code BadRequest} for a request
 * that breaks the apply contract ({@code metadata.managedFields must be nil}), 500 {@code
 * InternalError} for an applied configuration that does not fit the schema's merge structure
 * (duplicate or key-less items of a map list, objects in a set): kube reports those as {@code
 * Internal error occurred: failed to create typed patch object (...)}.
 */
public final class ApplyException extends RuntimeException {

  private final int httpStatus;

  public ApplyException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  static ApplyException structure(FieldPath path, String problem) {
    return new ApplyException(500, path + ": " + problem);
  }
}
