package dev.controlplanes.kamaji.storage.datastore;

import java.util.Objects;

/**
 * A DataStore operation failed. The message names the operation and the objects involved, never a
 * password or key: driver messages are passed through {@link #redact} and a cause whose message
 * still holds a secret is dropped rather than chained.
 */
public final class DataStoreException extends RuntimeException {

  /** What was being done. */
  public enum Operation {
    CONNECT,
    CHECK,
    SET_UP,
    IS_SET_UP,
    TEAR_DOWN,
    /** {@link DataStoreConnection#copyTenantData}. */
    MIGRATE,
    /** {@link DataStoreConnection#dropTenantData}. */
    DROP
  }

  private final Operation operation;

  public DataStoreException(Operation operation, String message) {
    super(operation + ": " + message);
    this.operation = Objects.requireNonNull(operation);
  }

  private DataStoreException(Operation operation, String message, Throwable cause) {
    super(operation + ": " + message, cause);
    this.operation = operation;
  }

  /**
   * Wraps a driver failure. The cause's message is appended with every secret replaced, and the
   * cause itself is kept only if no message in its chain contains one of {@code secrets}.
   */
  public static DataStoreException wrap(
      Operation operation, String message, Throwable cause, String... secrets) {
    String detail = redact(String.valueOf(cause.getMessage()), secrets);
    Throwable chained = leaks(cause, secrets) ? null : cause;
    return new DataStoreException(
        operation, message + ": " + cause.getClass().getSimpleName() + ": " + detail, chained);
  }

  public Operation operation() {
    return operation;
  }

  static String redact(String text, String... secrets) {
    String result = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, "<redacted>");
      }
    }
    return result;
  }

  private static boolean leaks(Throwable cause, String... secrets) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage()) + t;
      if (!redact(text, secrets).equals(text)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (leaks(suppressed, secrets)) {
          return true;
        }
      }
    }
    return false;
  }
}
