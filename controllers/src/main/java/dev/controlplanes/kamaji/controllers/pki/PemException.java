package dev.controlplanes.kamaji.controllers.pki;

/**
 * PEM or DER content that cannot be read. Messages name the expected block, never the content
 * (which may be a private key).
 */
public final class PemException extends IllegalArgumentException {

  PemException(String message) {
    super(message);
  }

  PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
