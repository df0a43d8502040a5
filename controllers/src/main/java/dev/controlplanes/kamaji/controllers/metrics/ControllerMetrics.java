package dev.controlplanes.kamaji.controllers.metrics;

import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

/**
 * The embedded controllers' metrics, under the names controller-runtime gives them in Kamaji's
 * manager ({@code controller_runtime_reconcile_total}, {@code workqueue_depth}, ...), so that
 * dashboards and alerts written for Kamaji keep working. One instance per registry; every
 * controller's reconciler and work queue are measured through it, labelled with the controller's
 * name.
 */
public final class ControllerMetrics {

  private static final double[] RECONCILE_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9,
    1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50,
    60
  };
  private static final double[] QUEUE_BUCKETS = {
    1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000
  };

  final Counter reconciles;
  final Counter reconcileErrors;
  final Histogram reconcileTime;
  final Gauge activeWorkers;
  final Gauge maxConcurrentReconciles;
  final Counter queueAdds;
  final Counter queueRetries;
  final Gauge queueDepth;
  final Histogram queueDuration;
  final Histogram workDuration;
  final Histogram handlerTime;

  public ControllerMetrics(CollectorRegistry registry) {
    // Kamaji's own: the time each resource of the pipeline takes (its "handlers").
    handlerTime =
        Histogram.build(
                "kamaji_handler_time_seconds",
                "Bucket time requested for the given handler to complete its handling.")
            .labelNames("handler")
            .buckets(RECONCILE_BUCKETS)
            .register(registry);
    reconciles =
        Counter.build(
                "controller_runtime_reconcile_total",
                "Total number of reconciliations per controller.")
            .labelNames("controller", "result")
            .register(registry);
    reconcileErrors =
        Counter.build(
                "controller_runtime_reconcile_errors_total",
                "Total number of reconciliation errors per controller.")
            .labelNames("controller")
            .register(registry);
    reconcileTime =
        Histogram.build(
                "controller_runtime_reconcile_time_seconds",
                "Length of time per reconciliation per controller.")
            .labelNames("controller")
            .buckets(RECONCILE_BUCKETS)
            .register(registry);
    activeWorkers =
        Gauge.build(
                "controller_runtime_active_workers",
                "Number of currently used workers per controller.")
            .labelNames("controller")
            .register(registry);
    maxConcurrentReconciles =
        Gauge.build(
                "controller_runtime_max_concurrent_reconciles",
                "Maximum number of concurrent reconciles per controller.")
            .labelNames("controller")
            .register(registry);
    queueAdds =
        Counter.build("workqueue_adds_total", "Total number of adds handled by workqueue.")
            .labelNames("name")
            .register(registry);
    queueRetries =
        Counter.build("workqueue_retries_total", "Total number of retries handled by workqueue.")
            .labelNames("name")
            .register(registry);
    queueDepth =
        Gauge.build("workqueue_depth", "Current depth of workqueue.")
            .labelNames("name")
            .register(registry);
    queueDuration =
        Histogram.build(
                "workqueue_queue_duration_seconds",
                "How long in seconds an item stays in workqueue before being requested.")
            .labelNames("name")
            .buckets(QUEUE_BUCKETS)
            .register(registry);
    workDuration =
        Histogram.build(
                "workqueue_work_duration_seconds",
                "How long in seconds processing an item from workqueue takes.")
            .labelNames("name")
            .buckets(QUEUE_BUCKETS)
            .register(registry);
  }

  /** The reconciler of controller {@code name}, run by {@code workers} workers, measured. */
  public Reconciler measure(String name, int workers, Reconciler reconciler) {
    maxConcurrentReconciles.labels(name).set(workers);
    return new MeasuredReconciler(this, name, reconciler);
  }

  /** The work queue of controller {@code name}, measured. */
  public <T> RateLimitingQueue<T> measure(String name, RateLimitingQueue<T> queue) {
    return new MeasuredQueue<>(this, name, queue);
  }
}
