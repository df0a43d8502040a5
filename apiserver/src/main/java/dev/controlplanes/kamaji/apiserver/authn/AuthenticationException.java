package dev.controlplanes.kamaji.apiserver.authn;

/**
 * A credential was presented but could not be accepted. The HTTP layer answers 401 {@code
 * Unauthorized} and logs the message; messages never contain tokens, keys or whole certificates.
 */
public final class AuthenticationException extends Exception {

  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
