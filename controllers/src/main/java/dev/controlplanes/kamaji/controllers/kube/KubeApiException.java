package dev.controlplanes.kamaji.controllers.kube;

/**
 * A failed call to the management cluster. The message holds the API server's Status message only,
 * never a request or response body, which may carry Secret data.
 */
public final class KubeApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int code;

  public KubeApiException(int code, String message) {
    super(message);
    this.code = code;
  }

  public KubeApiException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The HTTP status; 0 when the server was not reached. */
  public int code() {
    return code;
  }

  public boolean isConflict() {
    return code == 409;
  }

  public boolean isNotFound() {
    return code == 404;
  }
}
