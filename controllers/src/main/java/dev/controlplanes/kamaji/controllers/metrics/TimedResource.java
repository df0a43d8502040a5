package dev.controlplanes.kamaji.controllers.metrics;

import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;

/**
 * A pipeline resource whose create-or-update (or clean-up) is timed into {@code
 * kamaji_handler_time_seconds}, labelled with its name, as Kamaji times its resource handlers.
 */
public record TimedResource<P>(ManagedResource<P> inner, ControllerMetrics metrics)
    implements ManagedResource<P> {

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean shouldCleanup(P parent) {
    return inner.shouldCleanup(parent);
  }

  @Override
  public WriteResult cleanUp(P parent) {
    long start = System.nanoTime();
    try {
      return inner.cleanUp(parent);
    } finally {
      observe(start);
    }
  }

  @Override
  public WriteResult createOrUpdate(P parent) {
    long start = System.nanoTime();
    try {
      return inner.createOrUpdate(parent);
    } finally {
      observe(start);
    }
  }

  @Override
  public boolean shouldUpdateStatus(P parent) {
    return inner.shouldUpdateStatus(parent);
  }

  @Override
  public void updateStatus(P parent) {
    inner.updateStatus(parent);
  }

  private void observe(long start) {
    metrics.handlerTime.labels(inner.name()).observe((System.nanoTime() - start) / 1e9);
  }
}
