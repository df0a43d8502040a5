package dev.controlplanes.kamaji.storage;

/**
 * A change observed by a {@link Watch}.
 *
 * @param type what happened
 * @param current for PUT the new key-value; for DELETE the last value with the delete revision as
 *     its {@code modRevision}
 * @param previous the value before this change, or null when the key was created
 */
public record WatchEvent(Type type, KeyValue current, KeyValue previous) {

  public enum Type {
    PUT,
    DELETE
  }

  public long revision() {
    return current.modRevision();
  }
}
