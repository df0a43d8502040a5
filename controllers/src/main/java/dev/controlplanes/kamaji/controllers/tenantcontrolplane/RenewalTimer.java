package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import io.kubernetes.client.extended.controller.reconciler.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Requeues a TenantControlPlane when its next certificate renewal is due (Kamaji's
 * certificate-lifecycle controller). Every pass asks again, so only a moment earlier than the one
 * already pending is handed to the work queue: a delayed queue entry cannot be withdrawn, and one
 * per pass would pile up for months.
 */
public final class RenewalTimer {

  private final Clock clock;
  private final BiConsumer<Request, Duration> addAfter;
  private final Map<Request, Instant> pending = new ConcurrentHashMap<>();

  /**
   * @param addAfter the work queue's delayed add
   */
  public RenewalTimer(Clock clock, BiConsumer<Request, Duration> addAfter) {
    this.clock = clock;
    this.addAfter = addAfter;
  }

  /** A timer that never requeues (unit tests of the reconciler). */
  public static RenewalTimer none() {
    return new RenewalTimer(Clock.systemUTC(), (request, delay) -> {});
  }

  /** Makes sure {@code request} is reconciled again after {@code delay} at the latest. */
  public void schedule(Request request, Duration delay) {
    Instant now = clock.instant();
    Instant at = now.plus(delay);
    Instant result =
        pending.compute(
            request,
            (key, current) ->
                current != null && current.isAfter(now) && !at.isBefore(current) ? current : at);
    // Identity: the instant just made won, so nothing earlier is pending.
    if (result == at) {
      addAfter.accept(request, delay);
    }
  }

  /** Forgets a TenantControlPlane that is gone. */
  public void cancel(Request request) {
    pending.remove(request);
  }
}
