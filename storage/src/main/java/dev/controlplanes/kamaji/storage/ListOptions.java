package dev.controlplanes.kamaji.storage;

/**
 * How to read a range of keys.
 *
 * @param revision read at this exact revision; 0 reads the latest state
 * @param limit return at most this many keys; 0 means no limit
 * @param startKey continue from this key (inclusive) instead of the start of the prefix; null to
 *     start at the prefix
 */
public record ListOptions(long revision, long limit, String startKey) {

  public static final ListOptions LATEST = new ListOptions(0, 0, null);

  public static ListOptions atRevision(long revision) {
    return new ListOptions(revision, 0, null);
  }
}
