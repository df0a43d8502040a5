package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchEvent;
import dev.controlplanes.kamaji.storage.WatchListener;
import dev.controlplanes.kamaji.storage.testing.EtcdExtension;
import dev.controlplanes.kamaji.storage.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** etcd-specific watch behaviour: threads, listener failures, closing the store. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EtcdWatchIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final String THREAD_PREFIX = "kamaji-etcd-watch-";

  @Test
  void closingTheStoreEndsItsWatchesSilentlyAndStopsTheirThreads() throws InterruptedException {
    String prefix = ETCD.prefix() + "close/";
    List<Thread> before = watchThreads();
    RecordingListener events = new RecordingListener();
    EtcdStore store = EtcdStore.connect(ETCD.config());
    store.watch(prefix, 0, events);
    store.watch(prefix + "a/", 0, events);
    // Threads start with the first delivery.
    store.create(prefix + "a/b", "v".getBytes(StandardCharsets.UTF_8));
    events.nextEvent();
    events.nextEvent();
    List<Thread> started = watchThreads().stream().filter(t -> !before.contains(t)).toList();
    assertThat(started).hasSize(2);

    store.close();

    for (Thread t : started) {
      t.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
    assertThat(events.isDrained()).as("closing is not an error").isTrue();
    assertThatThrownBy(() -> store.get(prefix)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.watch(prefix, 0, events))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aListenerThatThrowsEndsTheWatchWithInternal() throws InterruptedException {
    String prefix = ETCD.prefix() + "throwing/";
    BlockingQueue<StorageException> errors = new LinkedBlockingQueue<>();
    WatchListener throwing =
        new WatchListener() {
          @Override
          public void onEvent(WatchEvent event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onProgress(long revision) {}

          @Override
          public void onError(StorageException error) {
            errors.add(error);
          }
        };

    try (Watch watch = ETCD.store().watch(prefix, 0, throwing)) {
      ETCD.store().create(prefix + "a", "v".getBytes(StandardCharsets.UTF_8));

      StorageException error = errors.poll(10, TimeUnit.SECONDS);
      assertThat(error).isNotNull();
      assertThat(error.code()).isEqualTo(Code.INTERNAL);
      assertThat(error.getCause()).hasMessage("listener bug");
    }
  }

  private static List<Thread> watchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(THREAD_PREFIX))
        .toList();
  }
}
