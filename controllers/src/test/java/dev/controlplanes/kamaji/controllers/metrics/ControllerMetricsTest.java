package dev.controlplanes.kamaji.controllers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.prometheus.client.CollectorRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ControllerMetricsTest {

  private final CollectorRegistry registry = new CollectorRegistry();
  private final ControllerMetrics metrics = new ControllerMetrics(registry);

  @Test
  void countsReconcilesByResultAsControllerRuntime() {
    Reconciler measured =
        metrics.measure(
            "tenantcontrolplane",
            4,
            request ->
                switch (request.getName()) {
                  case "ok" -> new Result(false);
                  case "later" -> new Result(true, Duration.ofSeconds(1));
                  case "retry" -> new Result(true);
                  default -> throw new IllegalStateException("boom");
                });

    measured.reconcile(new Request("ns", "ok"));
    measured.reconcile(new Request("ns", "ok"));
    measured.reconcile(new Request("ns", "later"));
    measured.reconcile(new Request("ns", "retry"));
    assertThatThrownBy(() -> measured.reconcile(new Request("ns", "broken"))).hasMessage("boom");

    assertThat(reconciles("success")).isEqualTo(2);
    assertThat(reconciles("requeue_after")).isEqualTo(1);
    assertThat(reconciles("requeue")).isEqualTo(1);
    assertThat(reconciles("error")).isEqualTo(1);
    assertThat(value("controller_runtime_reconcile_errors_total", "controller")).isEqualTo(1);
    assertThat(value("controller_runtime_reconcile_time_seconds_count", "controller")).isEqualTo(5);
    assertThat(value("controller_runtime_active_workers", "controller")).isZero();
    assertThat(value("controller_runtime_max_concurrent_reconciles", "controller")).isEqualTo(4);
  }

  @Test
  void measuresTheQueueAroundTheRealOne() throws InterruptedException {
    RateLimitingQueue<Request> queue =
        metrics.measure(
            "tenantcontrolplane",
            new DefaultRateLimitingQueue<>(Executors.newSingleThreadExecutor()));
    Request a = new Request("ns", "a");
    Request b = new Request("ns", "b");
    queue.add(a);
    queue.add(a); // one entry in the queue, two adds
    queue.add(b);
    assertThat(name("workqueue_depth")).isEqualTo(2);
    assertThat(name("workqueue_adds_total")).isEqualTo(3);

    Request first = queue.get();
    assertThat(name("workqueue_queue_duration_seconds_count")).isEqualTo(1);
    assertThat(name("workqueue_depth")).isEqualTo(1);
    queue.done(first);
    assertThat(name("workqueue_work_duration_seconds_count")).isEqualTo(1);

    // a comes back after the rate limiter's delay, behind b, which has waited since its add.
    queue.addRateLimited(first);
    assertThat(name("workqueue_retries_total")).isEqualTo(1);
    assertThat(name("workqueue_adds_total")).isEqualTo(4);
    assertThat(queue.get()).isEqualTo(b);
    queue.done(b);
    assertThat(queue.get()).isEqualTo(a);
    queue.done(a);
    assertThat(name("workqueue_queue_duration_seconds_count")).isEqualTo(3);

    queue.addAfter(b, Duration.ofMillis(1));
    assertThat(name("workqueue_adds_total")).isEqualTo(5);
    assertThat(queue.get()).isEqualTo(b);
    queue.done(b);
    assertThat(name("workqueue_queue_duration_seconds_count")).isEqualTo(4);
    assertThat(name("workqueue_work_duration_seconds_count")).isEqualTo(4);
    assertThat(name("workqueue_depth")).isZero();
    queue.shutDown();
  }

  private double reconciles(String result) {
    Double v =
        registry.getSampleValue(
            "controller_runtime_reconcile_total",
            new String[] {"controller", "result"},
            new String[] {"tenantcontrolplane", result});
    return v == null ? 0 : v;
  }

  private double value(String sample, String label) {
    Double v =
        registry.getSampleValue(sample, new String[] {label}, new String[] {"tenantcontrolplane"});
    return v == null ? 0 : v;
  }

  private double name(String sample) {
    return value(sample, "name");
  }
}
