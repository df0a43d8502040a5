package dev.controlplanes.kamaji.apiserver.authn;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small bounded cache whose entries expire after a per-entry TTL, read against an injected clock
 * so that tests can move time. Least recently used entries are dropped first when full.
 * Thread-safe; one lock is enough for the few thousand entries of review caches.
 *
 * @param <K> key type (never a raw credential: callers hash tokens first)
 * @param <V> value type
 */
public final class ExpiringCache<K, V> {

  private record Entry<V>(V value, long expiresAtMillis) {}

  private final Clock clock;
  private final Map<K, Entry<V>> entries;

  public ExpiringCache(Clock clock, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The value stored for {@code key} if it has not expired yet. */
  public synchronized Optional<V> get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (clock.millis() >= entry.expiresAtMillis()) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  /** Stores {@code value} for {@code ttl}; a zero or negative TTL stores nothing. */
  public synchronized void put(K key, V value, Duration ttl) {
    if (ttl.isZero() || ttl.isNegative()) {
      return;
    }
    entries.put(key, new Entry<>(value, clock.millis() + ttl.toMillis()));
  }

  /** Number of stored entries, expired ones included until they are next read. */
  public synchronized int size() {
    return entries.size();
  }
}
