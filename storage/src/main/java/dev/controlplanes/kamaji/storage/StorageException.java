package dev.controlplanes.kamaji.storage;

/** A storage failure with a closed set of causes, translated once by the API layer. */
public final class StorageException extends RuntimeException {

  /** What went wrong, independent of the backend. */
  public enum Code {
    KEY_NOT_FOUND,
    KEY_EXISTS,
    CONFLICT,
    /** The requested revision was compacted. */
    EXPIRED,
    /** The requested revision is newer than anything the store has. */
    REVISION_TOO_LARGE,
    UNREACHABLE,
    TIMEOUT,
    INTERNAL
  }

  private final Code code;
  private final String key;

  public StorageException(Code code, String key, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.key = key;
  }

  public StorageException(Code code, String key, String message) {
    this(code, key, message, null);
  }

  public Code code() {
    return code;
  }

  /** The key involved, or null for store-wide failures. */
  public String key() {
    return key;
  }
}
