package dev.controlplanes.kamaji.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import dev.controlplanes.kamaji.storage.Store;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Store} must have. A backend's test extends this class and supplies the
 * store and a key prefix of its own; each test works under a sub-prefix named after itself.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class StoreContract {

  /** The store under test; the subclass owns its lifecycle. */
  protected abstract Store store();

  /** A prefix, ending in "/", that nothing else writes under. */
  protected abstract String keyPrefix();

  private String root;

  @BeforeEach
  void useOwnPrefix(TestInfo test) {
    root = keyPrefix() + test.getTestMethod().orElseThrow().getName() + "/";
  }

  // ---- create and get

  @Test
  void createStoresAValueThatGetReturns() {
    KeyValue created = store().create(key("a"), bytes("one"));

    assertThat(created.key()).isEqualTo(key("a"));
    assertThat(text(created.value())).isEqualTo("one");
    assertThat(created.createRevision()).isPositive().isEqualTo(created.modRevision());
    assertThat(store().get(key("a"))).contains(created);
    assertThat(store().get(key("missing"))).isEmpty();
  }

  @Test
  void getAsyncReadsWhatGetReads() throws Exception {
    store().create(key("a"), bytes("one"));
    KeyValue updated =
        store().update(key("a"), store().get(key("a")).orElseThrow().modRevision(), bytes("two"));

    assertThat(store().getAsync(key("a")).get(10, TimeUnit.SECONDS)).contains(updated);
    assertThat(store().getAsync(key("missing")).get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void createFailsWithKeyExistsAndKeepsTheValue() {
    KeyValue first = store().create(key("a"), bytes("first"));

    StorageException e = failure(() -> store().create(key("a"), bytes("second")));

    assertThat(e.code()).isEqualTo(Code.KEY_EXISTS);
    assertThat(e.key()).isEqualTo(key("a"));
    assertThat(store().get(key("a"))).contains(first);
  }

  @Test
  void keysAreUtf8Strings() {
    String key = key("ключ/é-ü-✓");
    KeyValue created = store().create(key, bytes("ü"));

    assertThat(store().get(key)).contains(created);
    assertThat(keys(store().list(root, ListOptions.LATEST))).containsExactly(key);
  }

  @Test
  void revisionsGrowWithEveryWrite() {
    long before = store().currentRevision();
    KeyValue a = store().create(key("a"), bytes("1"));
    KeyValue b = store().create(key("b"), bytes("1"));

    assertThat(a.modRevision()).isGreaterThan(before);
    assertThat(b.modRevision()).isGreaterThan(a.modRevision());
    assertThat(store().currentRevision()).isGreaterThanOrEqualTo(b.modRevision());
    assertThat(store().isHealthy()).isTrue();
  }

  // ---- list

  @Test
  void listReturnsOnlyKeysUnderThePrefixInKeyOrder() {
    String parent = root.substring(0, root.length() - 1);
    store().create(parent + "-before", bytes("outside"));
    store().create(parent + "0", bytes("outside, just past the prefix range"));
    store().create(key("c"), bytes("3"));
    store().create(key("a"), bytes("1"));
    KeyValue last = store().create(key("b"), bytes("2"));

    ListResult result = store().list(root, ListOptions.LATEST);

    assertThat(keys(result)).containsExactly(key("a"), key("b"), key("c"));
    assertThat(result.more()).isFalse();
    assertThat(result.remaining()).isZero();
    assertThat(result.revision()).isGreaterThanOrEqualTo(last.modRevision());
  }

  @Test
  void listOfAnEmptyPrefixIsEmpty() {
    ListResult result = store().list(root, ListOptions.LATEST);

    assertThat(result.items()).isEmpty();
    assertThat(result.more()).isFalse();
    assertThat(result.remaining()).isZero();
    assertThat(result.revision()).isPositive();
  }

  @Test
  void aKeysOnlyPageHasTheKeysAndRevisionsOfTheFullPageWithoutValues() {
    for (String name : List.of("k1", "k2", "k3")) {
      store().create(key(name), bytes("value of " + name));
    }
    KeyValue k2 = store().get(key("k2")).orElseThrow();
    store().update(key("k2"), k2.modRevision(), bytes("v2"));

    ListResult full = store().list(root, new ListOptions(0, 2, null));
    ListResult keys = store().list(root, new ListOptions(full.revision(), 2, null, true));

    assertThat(keys(keys)).isEqualTo(keys(full));
    assertThat(keys.items()).allSatisfy(kv -> assertThat(kv.value()).isEmpty());
    for (int i = 0; i < full.items().size(); i++) {
      assertThat(keys.items().get(i).modRevision()).isEqualTo(full.items().get(i).modRevision());
      assertThat(keys.items().get(i).createRevision())
          .isEqualTo(full.items().get(i).createRevision());
    }
    assertThat(keys.revision()).isEqualTo(full.revision());
    assertThat(keys.more()).isEqualTo(full.more()).isTrue();
    assertThat(keys.remaining()).isEqualTo(full.remaining()).isEqualTo(1);
  }

  @Test
  void pagesContinueAtTheRevisionOfTheFirstPage() {
    for (String name : List.of("k1", "k2", "k3", "k4", "k5")) {
      store().create(key(name), bytes("v1"));
    }

    ListResult first = store().list(root, new ListOptions(0, 2, null));
    assertThat(keys(first)).containsExactly(key("k1"), key("k2"));
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).isEqualTo(3);

    // Writes between pages must not show up in later pages.
    KeyValue k3 = store().get(key("k3")).orElseThrow();
    store().update(key("k3"), k3.modRevision(), bytes("v2"));
    store().delete(key("k4"), store().get(key("k4")).orElseThrow().modRevision());
    store().create(key("k2a"), bytes("new"));
    store().create(key("k6"), bytes("new"));

    ListResult second = store().list(root, next(first, 2));
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(keys(second)).containsExactly(key("k3"), key("k4"));
    assertThat(text(second.items().get(0).value())).isEqualTo("v1");
    assertThat(second.more()).isTrue();
    assertThat(second.remaining()).isEqualTo(1);

    ListResult third = store().list(root, next(second, 2));
    assertThat(keys(third)).containsExactly(key("k5"));
    assertThat(third.more()).isFalse();
    assertThat(third.remaining()).isZero();

    assertThat(keys(store().list(root, ListOptions.LATEST)))
        .containsExactly(key("k1"), key("k2"), key("k2a"), key("k3"), key("k5"), key("k6"));
  }

  @Test
  void listAtARevisionSeesTheValuesOfThatRevision() {
    KeyValue v1 = store().create(key("a"), bytes("v1"));
    store().update(key("a"), v1.modRevision(), bytes("v2"));

    ListResult old = store().list(root, ListOptions.atRevision(v1.modRevision()));

    assertThat(old.revision()).isEqualTo(v1.modRevision());
    assertThat(old.items()).containsExactly(v1);
  }

  @Test
  void listAtAFutureRevisionFailsWithRevisionTooLarge() {
    long future = store().currentRevision() + 1000;

    StorageException e = failure(() -> store().list(root, ListOptions.atRevision(future)));

    assertThat(e.code()).isEqualTo(Code.REVISION_TOO_LARGE);
  }

  // ---- update and delete

  @Test
  void updateReplacesTheValueWhenTheRevisionMatches() {
    KeyValue created = store().create(key("a"), bytes("v1"));

    KeyValue updated = store().update(key("a"), created.modRevision(), bytes("v2"));

    assertThat(text(updated.value())).isEqualTo("v2");
    assertThat(updated.createRevision()).isEqualTo(created.createRevision());
    assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
    assertThat(store().get(key("a"))).contains(updated);
  }

  @Test
  void updateWithAStaleRevisionFailsWithConflict() {
    KeyValue created = store().create(key("a"), bytes("v1"));
    KeyValue updated = store().update(key("a"), created.modRevision(), bytes("v2"));

    StorageException e =
        failure(() -> store().update(key("a"), created.modRevision(), bytes("v3")));

    assertThat(e.code()).isEqualTo(Code.CONFLICT);
    assertThat(e.key()).isEqualTo(key("a"));
    assertThat(store().get(key("a"))).contains(updated);
  }

  @Test
  void updateOfAMissingKeyFailsWithKeyNotFound() {
    KeyValue created = store().create(key("gone"), bytes("v1"));
    store().delete(key("gone"), created.modRevision());

    assertThat(failure(() -> store().update(key("never"), 1, bytes("x"))).code())
        .isEqualTo(Code.KEY_NOT_FOUND);
    assertThat(failure(() -> store().update(key("gone"), created.modRevision(), bytes("x"))).code())
        .isEqualTo(Code.KEY_NOT_FOUND);
    assertThat(store().get(key("gone"))).isEmpty();
  }

  @Test
  void deleteReturnsTheLastValueAtTheDeleteRevision() {
    KeyValue created = store().create(key("a"), bytes("v1"));
    KeyValue updated = store().update(key("a"), created.modRevision(), bytes("v2"));

    KeyValue deleted = store().delete(key("a"), updated.modRevision());

    assertThat(deleted.key()).isEqualTo(key("a"));
    assertThat(text(deleted.value())).isEqualTo("v2");
    assertThat(deleted.createRevision()).isEqualTo(created.createRevision());
    assertThat(deleted.modRevision()).isGreaterThan(updated.modRevision());
    assertThat(store().get(key("a"))).isEmpty();
    assertThat(store().currentRevision()).isGreaterThanOrEqualTo(deleted.modRevision());
  }

  @Test
  void deleteChecksItsPreconditions() {
    KeyValue created = store().create(key("a"), bytes("v1"));
    KeyValue updated = store().update(key("a"), created.modRevision(), bytes("v2"));

    assertThat(failure(() -> store().delete(key("a"), created.modRevision())).code())
        .isEqualTo(Code.CONFLICT);
    assertThat(store().get(key("a"))).contains(updated);
    assertThat(failure(() -> store().delete(key("missing"), 1)).code())
        .isEqualTo(Code.KEY_NOT_FOUND);
  }

  @Test
  void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
    int threads = 8;
    int incrementsPerThread = 50;
    String counter = key("counter");
    store().create(counter, bytes("0"));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> conflicts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        conflicts.add(
            pool.submit(
                () -> {
                  go.await();
                  int seen = 0;
                  for (int i = 0; i < incrementsPerThread; i++) {
                    seen += increment(counter);
                  }
                  return seen;
                }));
      }
      go.countDown();
      for (Future<Integer> f : conflicts) {
        f.get(25, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(text(store().get(counter).orElseThrow().value()))
        .isEqualTo(String.valueOf(threads * incrementsPerThread));
  }

  /** Adds one to the counter, retrying on conflict; returns how many conflicts it met. */
  private int increment(String counter) {
    for (int conflicts = 0; ; conflicts++) {
      KeyValue current = store().get(counter).orElseThrow();
      int value = Integer.parseInt(text(current.value()));
      try {
        store().update(counter, current.modRevision(), bytes(String.valueOf(value + 1)));
        return conflicts;
      } catch (StorageException e) {
        if (e.code() != Code.CONFLICT) {
          throw e;
        }
      }
    }
  }

  // ---- watch

  @Test
  void watchReplaysChangesAfterARevisionInOrder() {
    long start = store().currentRevision();
    KeyValue a1 = store().create(key("a"), bytes("1"));
    KeyValue a2 = store().update(key("a"), a1.modRevision(), bytes("2"));
    KeyValue b = store().create(key("b"), bytes("x"));
    store().create(root.substring(0, root.length() - 1) + "0", bytes("outside"));
    KeyValue deleted = store().delete(key("a"), a2.modRevision());
    RecordingListener events = new RecordingListener();

    try (Watch watch = store().watch(root, start, events)) {
      assertThat(events.nextEvent()).isEqualTo(new WatchEvent(WatchEvent.Type.PUT, a1, null));
      assertThat(events.nextEvent()).isEqualTo(new WatchEvent(WatchEvent.Type.PUT, a2, a1));
      assertThat(events.nextEvent()).isEqualTo(new WatchEvent(WatchEvent.Type.PUT, b, null));
      WatchEvent delete = events.nextEvent();
      assertThat(delete).isEqualTo(new WatchEvent(WatchEvent.Type.DELETE, deleted, a2));
      assertThat(delete.revision()).isEqualTo(deleted.modRevision());

      // Then it carries on with live changes.
      KeyValue c = store().create(key("c"), bytes("live"));
      assertThat(events.nextEvent()).isEqualTo(new WatchEvent(WatchEvent.Type.PUT, c, null));
    }
    assertThat(events.threads()).hasSize(1);
    assertThat(events.overlaps()).isZero();
    assertThat(events.isDrained()).isTrue();
  }

  @Test
  void watchStartsRightAfterTheGivenRevision() {
    KeyValue a1 = store().create(key("a"), bytes("1"));
    KeyValue a2 = store().update(key("a"), a1.modRevision(), bytes("2"));
    RecordingListener events = new RecordingListener();

    try (Watch watch = store().watch(root, a1.modRevision(), events)) {
      assertThat(events.nextEvent()).isEqualTo(new WatchEvent(WatchEvent.Type.PUT, a2, a1));
    }
  }

  @Test
  void watchFromZeroSeesOnlyLaterChanges() {
    store().create(key("before"), bytes("old"));
    RecordingListener events = new RecordingListener();

    try (Watch watch = store().watch(root, 0, events)) {
      KeyValue after = store().create(key("after"), bytes("new"));
      assertThat(events.nextEvent()).isEqualTo(new WatchEvent(WatchEvent.Type.PUT, after, null));
    }
    assertThat(events.isDrained()).isTrue();
  }

  @Test
  void requestProgressReportsARevisionAtLeastTheLastWrite() {
    RecordingListener events = new RecordingListener();

    try (Watch watch = store().watch(root, 0, events)) {
      KeyValue inside = store().create(key("a"), bytes("1"));
      assertThat(events.nextEvent().current()).isEqualTo(inside);
      KeyValue outside = store().create(root.substring(0, root.length() - 1) + "0", bytes("x"));

      watch.requestProgress();

      assertThat(events.nextProgress().revision()).isGreaterThanOrEqualTo(outside.modRevision());
    }
  }

  @Test
  void requestProgressWorksAsSoonAsWatchReturns() {
    long before = store().currentRevision();
    RecordingListener events = new RecordingListener();

    try (Watch watch = store().watch(root, 0, events)) {
      watch.requestProgress();

      assertThat(events.nextProgress().revision()).isGreaterThanOrEqualTo(before);
    }
  }

  @Test
  void closedWatchReceivesNothingMore() {
    RecordingListener closed = new RecordingListener();
    RecordingListener open = new RecordingListener();
    store().watch(root, 0, closed).close();

    try (Watch watch = store().watch(root, 0, open)) {
      KeyValue a = store().create(key("a"), bytes("1"));
      assertThat(open.nextEvent().current()).isEqualTo(a);
    }
    assertThat(closed.isDrained()).isTrue();
  }

  // ---- compaction

  @Test
  void compactionExpiresOlderRevisionsForListAndWatch() {
    KeyValue v1 = store().create(key("a"), bytes("v1"));
    KeyValue v2 = store().update(key("a"), v1.modRevision(), bytes("v2"));

    store().compact(v2.modRevision());

    StorageException e =
        failure(() -> store().list(root, ListOptions.atRevision(v1.modRevision())));
    assertThat(e.code()).isEqualTo(Code.EXPIRED);
    assertThat(store().list(root, ListOptions.atRevision(v2.modRevision())).items())
        .containsExactly(v2);

    RecordingListener expired = new RecordingListener();
    try (Watch watch = store().watch(root, v1.modRevision() - 1, expired)) {
      assertThat(expired.nextError().code()).isEqualTo(Code.EXPIRED);
      // The watch has ended: a later write reaches a new watch but not the expired one.
      RecordingListener fresh = new RecordingListener();
      try (Watch other = store().watch(root, 0, fresh)) {
        KeyValue b = store().create(key("b"), bytes("later"));
        assertThat(fresh.nextEvent().current()).isEqualTo(b);
      }
      assertThat(expired.isDrained()).isTrue();
    }

    // Compacting at a revision that is already compacted is a no-op.
    store().compact(v2.modRevision());
  }

  // ---- helpers

  private String key(String name) {
    return root + name;
  }

  private static ListOptions next(ListResult page, long limit) {
    String lastKey = page.items().get(page.items().size() - 1).key();
    // startKey is inclusive; the smallest key after lastKey is lastKey + "\0".
    return new ListOptions(page.revision(), limit, lastKey + "\0");
  }

  private static List<String> keys(ListResult result) {
    return result.items().stream().map(KeyValue::key).toList();
  }

  private static StorageException failure(ThrowingCallable call) {
    StorageException e = catchThrowableOfType(StorageException.class, call);
    assertThat(e).as("expected a StorageException").isNotNull();
    return e;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
