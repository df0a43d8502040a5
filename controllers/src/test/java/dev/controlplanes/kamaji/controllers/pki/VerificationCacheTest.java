package dev.controlplanes.kamaji.controllers.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {

  @Test
  void computesOncePerContentNotPerArray() {
    VerificationCache<String> cache = new VerificationCache<>(10);
    AtomicInteger computed = new AtomicInteger();
    byte[] input = {1, 2, 3};

    String first = cache.get(key(input), () -> "v" + computed.incrementAndGet());
    String again = cache.get(key(input.clone()), () -> "v" + computed.incrementAndGet());

    assertThat(first).isEqualTo("v1");
    assertThat(again).isEqualTo("v1");
    assertThat(computed).hasValue(1);
  }

  @Test
  void aChangedByteIsComputedAgain() {
    VerificationCache<String> cache = new VerificationCache<>(10);
    AtomicInteger computed = new AtomicInteger();
    byte[] input = {1, 2, 3};
    cache.get(key(input), () -> "v" + computed.incrementAndGet());
    byte[] changed = input.clone();
    changed[2] ^= 1;

    assertThat(cache.get(key(changed), () -> "v" + computed.incrementAndGet())).isEqualTo("v2");
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void keysSeparateKindsAndPartBoundariesAndNull() {
    byte[] ab = {'a', 'b'};
    byte[] c = {'c'};
    byte[] a = {'a'};
    byte[] bc = {'b', 'c'};

    assertThat(VerificationCache.key("k").bytes(ab).bytes(c).build())
        .isEqualTo(VerificationCache.key("k").bytes(ab.clone()).bytes(c.clone()).build())
        .isNotEqualTo(VerificationCache.key("k").bytes(a).bytes(bc).build())
        .isNotEqualTo(VerificationCache.key("other").bytes(ab).bytes(c).build());
    assertThat(VerificationCache.key("k").bytes(null).build())
        .isNotEqualTo(VerificationCache.key("k").bytes(new byte[0]).build());
    assertThat(VerificationCache.key("k").text(null).build())
        .isNotEqualTo(VerificationCache.key("k").text("").build());
  }

  @Test
  void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    VerificationCache<Integer> cache = new VerificationCache<>(3);
    AtomicInteger computed = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      int value = i;
      cache.get(key(new byte[] {(byte) i}), () -> value);
    }
    // Touch 0 so that 1 is the least recently used when 3 arrives.
    cache.get(key(new byte[] {0}), computed::incrementAndGet);
    cache.get(key(new byte[] {3}), () -> 3);

    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get(key(new byte[] {0}), () -> -1)).isZero();
    assertThat(cache.get(key(new byte[] {2}), () -> -1)).isEqualTo(2);
    assertThat(cache.get(key(new byte[] {1}), () -> -1)).isEqualTo(-1);
    assertThat(computed).hasValue(0);

    for (int i = 10; i < 1000; i++) {
      int value = i;
      cache.get(key(new byte[] {(byte) i, (byte) (i >> 8)}), () -> value);
    }
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void capacityZeroAlwaysComputes() {
    VerificationCache<Integer> cache = new VerificationCache<>(0);
    AtomicInteger computed = new AtomicInteger();

    cache.get(key(new byte[] {1}), computed::incrementAndGet);
    cache.get(key(new byte[] {1}), computed::incrementAndGet);

    assertThat(computed).hasValue(2);
    assertThat(cache.size()).isZero();
    assertThatThrownBy(() -> new VerificationCache<Integer>(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedComputationIsNotStored() {
    VerificationCache<String> cache = new VerificationCache<>(10);

    assertThatThrownBy(
            () ->
                cache.get(
                    key(new byte[] {1}),
                    () -> {
                      throw new PemException("unreadable");
                    }))
        .isInstanceOf(PemException.class);
    assertThat(cache.size()).isZero();
    assertThat(cache.get(key(new byte[] {1}), () -> "ok")).isEqualTo("ok");
  }

  @Test
  void workersShareOneCacheSafely() throws Exception {
    VerificationCache<Integer> cache = new VerificationCache<>(8);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int seed = w;
        results.add(
            workers.submit(
                () -> {
                  for (int i = 0; i < 20_000; i++) {
                    int value = (i * 7 + seed) % 16;
                    int got = cache.get(key(new byte[] {(byte) value}), () -> value);
                    if (got != value) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      workers.shutdownNow();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(8);
  }

  private static VerificationCache.Key key(byte[] input) {
    return VerificationCache.key("test").bytes(input).build();
  }
}
