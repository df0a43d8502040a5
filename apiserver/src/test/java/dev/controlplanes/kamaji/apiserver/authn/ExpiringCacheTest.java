package dev.controlplanes.kamaji.apiserver.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

  private final MutableClock clock = MutableClock.now();

  @Test
  void entriesLiveForTheirTtl() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 10);
    cache.put("a", "1", Duration.ofSeconds(10));

    clock.advance(Duration.ofMillis(9_999));
    assertThat(cache.get("a")).contains("1");

    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get("a")).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void zeroTtlStoresNothing() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 10);
    cache.put("a", "1", Duration.ZERO);

    assertThat(cache.get("a")).isEmpty();
  }

  @Test
  void leastRecentlyUsedEntryGoesFirstWhenFull() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(clock, 2);
    cache.put("a", "1", Duration.ofMinutes(1));
    cache.put("b", "2", Duration.ofMinutes(1));
    cache.get("a");
    cache.put("c", "3", Duration.ofMinutes(1));

    assertThat(cache.get("a")).contains("1");
    assertThat(cache.get("b")).isEmpty();
    assertThat(cache.get("c")).contains("3");
  }
}
