package dev.controlplanes.kamaji.apiserver.authn;

/**
 * The authentication configuration cannot be assembled: unreadable CA files, a missing front-proxy
 * CA, contradictory flags. At startup it stops the server with its message; during a reload the
 * previous configuration stays in force.
 */
public final class AuthenticationConfigException extends RuntimeException {

  public AuthenticationConfigException(String message) {
    super(message);
  }

  public AuthenticationConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
