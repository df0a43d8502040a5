package dev.controlplanes.kamaji.api.patch;

/**
 * A JSON patch or merge patch that could not be applied.
 *
 * <p>The {@link Reason} decides the HTTP answer, as kube-apiserver gives it: a patch document of
 * the wrong shape is a 400 {@code BadRequest}; too many operations is a 413 {@code
 * RequestEntityTooLarge}; an operation that does not apply to the current object (missing path,
 * failed {@code test}, unknown op) is a 422 {@code Invalid} whose message is always {@link
 * #OPERATION_FAILED_MESSAGE} (kube keeps the detail, available here as {@link #getMessage()}, out
 * of the response).
 */
public final class PatchException extends RuntimeException {

  /** The message kube-apiserver answers for any failing JSON patch operation. */
  public static final String OPERATION_FAILED_MESSAGE =
      "the server rejected our request due to an error in our request";

  /** Why the patch was refused. */
  public enum Reason {
    /** The patch document itself is malformed: HTTP 400, reason {@code BadRequest}. */
    MALFORMED(400),
    /** More than {@link JsonPatch#MAX_OPERATIONS} operations: HTTP 413. */
    TOO_MANY_OPERATIONS(413),
    /** An operation does not apply to the target: HTTP 422, reason {@code Invalid}. */
    OPERATION_FAILED(422);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  public PatchException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public int httpStatus() {
    return reason.httpStatus();
  }

  /**
   * The {@code message} of the Status kube-apiserver would answer: the detail for 400 and 413, the
   * fixed {@link #OPERATION_FAILED_MESSAGE} for 422.
   */
  public String statusMessage() {
    return switch (reason) {
      case MALFORMED -> getMessage();
      case TOO_MANY_OPERATIONS -> "Request entity too large: " + getMessage();
      case OPERATION_FAILED -> OPERATION_FAILED_MESSAGE;
    };
  }

  static PatchException malformed(String message) {
    return new PatchException(Reason.MALFORMED, message);
  }

  static PatchException failed(String message) {
    return new PatchException(Reason.OPERATION_FAILED, message);
  }
}
