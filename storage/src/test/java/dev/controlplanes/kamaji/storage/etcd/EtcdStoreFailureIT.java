package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import dev.controlplanes.kamaji.storage.testing.RecordingListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the etcd store reports an etcd that is absent, silent or going away. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EtcdStoreFailureIT {

  @Test
  void nothingListeningIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = loopbackSocket()) {
      port = socket.getLocalPort();
    }
    try (EtcdStore store = EtcdStore.connect(EtcdStoreConfig.of("http://127.0.0.1:" + port))) {
      StorageException e = catchThrowableOfType(StorageException.class, () -> store.get("/k"));
      assertThat(e.code()).isEqualTo(Code.UNREACHABLE);
      assertThat(e.key()).isEqualTo("/k");
      assertThat(asyncFailure(store, "/k").code()).isEqualTo(Code.UNREACHABLE);
      assertThat(store.isHealthy()).isFalse();

      RecordingListener events = new RecordingListener();
      try (Watch watch = store.watch("/", 0, events)) {
        assertThat(events.nextError().code()).isEqualTo(Code.UNREACHABLE);
      }
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    // The kernel completes the TCP handshake from the backlog; nothing ever reads or answers.
    try (ServerSocket silent = loopbackSocket();
        EtcdStore store =
            EtcdStore.connect(
                EtcdStoreConfig.of("http://127.0.0.1:" + silent.getLocalPort())
                    .withRequestTimeout(Duration.ofMillis(300)))) {
      assertThat(catchThrowableOfType(StorageException.class, () -> store.get("/k")).code())
          .isEqualTo(Code.TIMEOUT);
      assertThat(asyncFailure(store, "/k").code()).isEqualTo(Code.TIMEOUT);
      assertThat(
              catchThrowableOfType(
                      StorageException.class,
                      () -> store.create("/k", "v".getBytes(StandardCharsets.UTF_8)))
                  .code())
          .isEqualTo(Code.TIMEOUT);
      RecordingListener events = new RecordingListener();
      try (Watch watch = store.watch("/", 0, events)) {
        assertThat(events.nextError().code()).isEqualTo(Code.TIMEOUT);
      }
    }
  }

  @Test
  void aWatchEndsWhenEtcdDies() {
    RecordingListener events = new RecordingListener();
    try (EtcdServer etcd = EtcdServer.start();
        EtcdStore store = EtcdStore.connect(EtcdStoreConfig.of(etcd.clientUrl().toString()))) {
      Watch watch = store.watch("/", 0, events);
      store.create("/k", "v".getBytes(StandardCharsets.UTF_8));
      assertThat(events.nextEvent().current().key()).isEqualTo("/k");

      etcd.kill();

      assertThat(events.nextError().code()).isEqualTo(Code.UNREACHABLE);
      watch.close();
    }
    assertThat(events.isDrained()).isTrue();
  }

  @Test
  void aClosedStoreFailsAnAsyncGetWithoutThrowing() {
    EtcdStore store = EtcdStore.connect(EtcdStoreConfig.of("http://127.0.0.1:1"));
    store.close();

    assertThat(asyncFailure(store, "/k")).isNotNull();
  }

  /** The StorageException an asynchronous get fails with, not thrown by the call itself. */
  private static StorageException asyncFailure(EtcdStore store, String key) {
    CompletableFuture<?> future = store.getAsync(key);
    Throwable failure =
        catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(StorageException.class);
    return (StorageException) failure.getCause();
  }

  private static ServerSocket loopbackSocket() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }
}
