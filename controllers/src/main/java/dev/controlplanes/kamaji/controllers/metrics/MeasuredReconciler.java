package dev.controlplanes.kamaji.controllers.metrics;

import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;

/**
 * Counts and times every reconcile of one controller. The result label follows controller-runtime:
 * {@code success}, {@code requeue} (rate-limited retry), {@code requeue_after} (a chosen delay) or
 * {@code error} (the reconciler threw).
 */
final class MeasuredReconciler implements Reconciler {

  private final ControllerMetrics metrics;
  private final String controller;
  private final Reconciler reconciler;

  MeasuredReconciler(ControllerMetrics metrics, String controller, Reconciler reconciler) {
    this.metrics = metrics;
    this.controller = controller;
    this.reconciler = reconciler;
  }

  @Override
  public Result reconcile(Request request) {
    metrics.activeWorkers.labels(controller).inc();
    long start = System.nanoTime();
    String result = "error";
    try {
      Result outcome = reconciler.reconcile(request);
      result = resultOf(outcome);
      return outcome;
    } finally {
      metrics.reconcileTime.labels(controller).observe((System.nanoTime() - start) / 1e9);
      metrics.reconciles.labels(controller, result).inc();
      if (result.equals("error")) {
        metrics.reconcileErrors.labels(controller).inc();
      }
      metrics.activeWorkers.labels(controller).dec();
    }
  }

  private static String resultOf(Result outcome) {
    if (!outcome.isRequeue()) {
      return "success";
    }
    return outcome.getRequeueAfter() == null ? "requeue" : "requeue_after";
  }
}
