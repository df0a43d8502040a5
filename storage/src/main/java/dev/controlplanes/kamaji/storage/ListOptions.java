package dev.controlplanes.kamaji.storage;

/**
 * How to read a range of keys.
 *
 * @param revision read at this exact revision; 0 reads the latest state
 * @param limit return at most this many keys; 0 means no limit
 * @param startKey continue from this key (inclusive) instead of the start of the prefix; null to
 *     start at the prefix
 * @param keysOnly return each key with its revisions and an empty value (a reader that keeps the
 *     values elsewhere saves transferring and decoding them)
 */
public record ListOptions(long revision, long limit, String startKey, boolean keysOnly) {

  public ListOptions(long revision, long limit, String startKey) {
    this(revision, limit, startKey, false);
  }

  public static final ListOptions LATEST = new ListOptions(0, 0, null);

  public static ListOptions atRevision(long revision) {
    return new ListOptions(revision, 0, null);
  }
}
