package dev.controlplanes.kamaji.apiserver.authz;

/** Authorization could not be decided (e.g. the SubjectAccessReview failed): HTTP 500. */
public final class AuthorizationException extends Exception {

  public AuthorizationException(String message) {
    super(message);
  }

  public AuthorizationException(String message, Throwable cause) {
    super(message, cause);
  }
}
