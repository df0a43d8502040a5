package dev.controlplanes.kamaji.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import dev.controlplanes.kamaji.apiserver.registry.ManagedFieldsTracker;
import dev.controlplanes.kamaji.apiserver.registry.NamespaceLifecycle;
import dev.controlplanes.kamaji.apiserver.registry.SchemaChecks;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreResource;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreStrategy;
import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.Store;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How the hub resumes its store watch after the store ended it. */
class WatchHubRestartTest {

  /** A store with only a revision counter and watches the test ends by hand. */
  private static final class WatchOnlyStore implements Store {
    final AtomicLong revision = new AtomicLong(100);
    final List<Long> watchedFrom = new CopyOnWriteArrayList<>();
    final List<WatchListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      watchedFrom.add(afterRevision);
      listeners.add(listener);
      return new Watch() {
        @Override
        public void requestProgress() {}

        @Override
        public void close() {}
      };
    }

    @Override
    public long currentRevision() {
      return revision.get();
    }

    @Override
    public KeyValue create(String key, byte[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<KeyValue> get(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ListResult list(String prefix, ListOptions options) {
      // The hub loads its cache with a list at the current revision: an empty resource.
      return new ListResult(java.util.List.of(), currentRevision(), false, 0);
    }

    @Override
    public KeyValue update(String key, long expectedModRevision, byte[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void compact(long revision) {}

    @Override
    public boolean isHealthy() {
      return true;
    }

    @Override
    public void close() {}
  }

  private static WatchHub hub(WatchOnlyStore store) {
    GenericStore generic =
        new GenericStore(
            DataStoreResource.create(Schemas.dataStore(), new DataStoreStrategy()),
            store,
            "/test",
            new SchemaChecks(Schemas.dataStore()),
            new ManagedFieldsTracker(Schemas.dataStore()),
            NamespaceLifecycle.NONE,
            Clock.systemUTC());
    return new WatchHub(generic, 10);
  }

  private static final WatchHub.Subscriber NOBODY =
      new WatchHub.Subscriber() {
        @Override
        public void onEvent(HubEvent event) {}

        @Override
        public void onProgress(long revision) {}

        @Override
        public void onTerminated() {}
      };

  @Test
  void afterAnInterruptionTheHubResumesFromItsLastRevision() {
    WatchOnlyStore store = new WatchOnlyStore();
    try (WatchHub hub = hub(store)) {
      hub.start();
      store.revision.set(150);
      store
          .listeners
          .get(0)
          .onError(new StorageException(StorageException.Code.UNREACHABLE, "/test", "gone"));
      await().atMost(Duration.ofSeconds(5)).until(() -> store.watchedFrom.size() == 2);
      assertThat(store.watchedFrom).containsExactly(100L, 100L);
    }
  }

  @Test
  void afterCompactionTheHubStartsOverFromTheCurrentRevision() {
    WatchOnlyStore store = new WatchOnlyStore();
    try (WatchHub hub = hub(store)) {
      hub.start();
      store.revision.set(150);
      // the store compacted past the hub's last revision, then the watch broke: resuming from
      // revision 100 can only fail again, forever
      store
          .listeners
          .get(0)
          .onError(new StorageException(StorageException.Code.EXPIRED, "/test", "compacted"));
      await().atMost(Duration.ofSeconds(5)).until(() -> store.watchedFrom.size() == 2);
      assertThat(store.watchedFrom).containsExactly(100L, 150L);
      // what happened in between is unknown: older resourceVersions must relist (410)
      assertThatThrownBy(() -> hub.subscribe(120, NOBODY))
          .isInstanceOf(StatusException.class)
          .hasMessage("too old resource version: 120 (150)");
      hub.subscribe(150, NOBODY);
      assertThat(hub.lastRevision()).isEqualTo(150);
    }
  }
}
