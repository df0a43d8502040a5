package dev.controlplanes.kamaji.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One stored value with the revisions etcd keeps for it.
 *
 * @param key the full key
 * @param value the stored bytes (for a deletion event: the last value before the delete)
 * @param createRevision revision at which the key was created
 * @param modRevision revision of the last change (for a deletion: the revision of the delete)
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {

  // A record compares array components by identity; two reads of the same stored value must be
  // equal, so equality, hashing and printing look at the bytes.
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue other
        && key.equals(other.key)
        && Arrays.equals(value, other.value)
        && createRevision == other.createRevision
        && modRevision == other.modRevision;
  }

  @Override
  public int hashCode() {
    return 31
            * (31 * (31 * key.hashCode() + Arrays.hashCode(value)) + Long.hashCode(createRevision))
        + Long.hashCode(modRevision);
  }

  @Override
  public String toString() {
    String text = value == null ? "null" : new String(value, StandardCharsets.UTF_8);
    if (text.length() > 64) {
      text = text.substring(0, 64) + "...(" + value.length + " bytes)";
    }
    return "KeyValue[key="
        + key
        + ", value="
        + text
        + ", createRevision="
        + createRevision
        + ", modRevision="
        + modRevision
        + "]";
  }
}
