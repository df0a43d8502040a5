package dev.controlplanes.kamaji.apiserver.errors;

import java.util.List;

/**
 * An API error that becomes a {@code metav1.Status} response. Build instances through {@link
 * Statuses}; anything else thrown while serving a request is mapped by {@link ExceptionMapper}.
 */
public final class StatusException extends RuntimeException {

  /** One entry of {@code details.causes}. */
  public record Cause(String reason, String message, String field) {}

  /** The {@code details} of a Status; any field may be null. */
  public record Details(
      String name,
      String group,
      String kind,
      String uid,
      List<Cause> causes,
      Integer retryAfterSeconds) {

    public static final Details NONE = new Details(null, null, null, null, List.of(), null);
  }

  private final int code;
  private final String reason;
  private final Details details;

  public StatusException(int code, String reason, String message, Details details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details == null ? Details.NONE : details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public Details details() {
    return details;
  }
}
