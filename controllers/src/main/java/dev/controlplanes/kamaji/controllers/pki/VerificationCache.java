package dev.controlplanes.kamaji.controllers.pki;

import dev.controlplanes.kamaji.storage.ContentDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded, thread-safe memo of values that depend only on exact input bytes, keyed by the SHA-256
 * of those bytes (never by names): a changed byte gives another key, hence a fresh computation. The
 * least recently used entry is dropped beyond the capacity. Values must not hold secrets (private
 * keys); results that depend on the time must not be stored here.
 *
 * <p>Reconcile passes re-check the same unchanged Secrets over and over; signature verification and
 * deriving a public key from a private one are what this saves.
 */
final class VerificationCache<V> {

  private final int capacity;
  private final Map<Key, V> entries;

  /**
   * @param capacity the most entries kept; 0 keeps none (every lookup computes)
   */
  VerificationCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
            return size() > VerificationCache.this.capacity;
          }
        };
  }

  /**
   * The value stored for {@code key}, else what {@code compute} returns (then stored). Computing
   * happens outside the lock, so two workers may compute the same value once each; a computation
   * that throws stores nothing.
   */
  V get(Key key, Supplier<V> compute) {
    synchronized (entries) {
      V value = entries.get(key);
      if (value != null) {
        return value;
      }
    }
    V value = compute.get();
    if (capacity > 0) {
      synchronized (entries) {
        entries.put(key, value);
      }
    }
    return value;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** A key for the facts of kind {@code kind}; add every input the value depends on, in order. */
  static KeyBuilder key(String kind) {
    return new KeyBuilder().text(kind);
  }

  /** The SHA-256 of a sequence of inputs. */
  record Key(byte[] sha256) {

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(sha256, key.sha256);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
      return "Key[" + java.util.HexFormat.of().formatHex(sha256) + "]";
    }
  }

  /** Builds a {@link Key} from every input the value depends on, in order. */
  static final class KeyBuilder {

    private final ContentDigest digest = ContentDigest.sha256();

    private KeyBuilder() {}

    KeyBuilder bytes(byte[] input) {
      digest.bytes(input);
      return this;
    }

    KeyBuilder text(String input) {
      digest.text(input);
      return this;
    }

    Key build() {
      return new Key(digest.digest());
    }
  }
}
