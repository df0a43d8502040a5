package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallerThreadExecutorTest {

  @Test
  void runsTasksOnTheSubmittingThreadBeforeReturning() throws Exception {
    CallerThreadExecutor executor = new CallerThreadExecutor();
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    executor.execute(() -> ranOn.set(Thread.currentThread()));
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());

    CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "done", executor);
    assertThat(f.isDone()).isTrue();
    assertThat(f.get()).isEqualTo("done");
  }

  @Test
  void refusesTasksOnceShutDown() {
    CallerThreadExecutor executor = new CallerThreadExecutor();
    executor.shutdown();

    assertThat(executor.isShutdown()).isTrue();
    assertThat(executor.isTerminated()).isTrue();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
