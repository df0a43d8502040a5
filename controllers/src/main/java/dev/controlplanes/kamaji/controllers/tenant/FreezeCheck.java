package dev.controlplanes.kamaji.controllers.tenant;

import dev.controlplanes.kamaji.controllers.model.FreezeWebhook;
import dev.controlplanes.kamaji.controllers.pki.Kubeconfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Before a migration copies a tenant's data, the tenant must be frozen, or writes made during the
 * copy are lost: the migration Job asks the tenant's API server for {@code kamaji-freeze} and waits
 * for it, which Kamaji's Job does not. A tenant whose API server does not serve at all (no answer,
 * or {@code /readyz} failing, as when its datastore is gone, a reason to migrate) accepts no writes
 * either, so after a grace period the copy goes ahead without the freeze.
 */
public final class FreezeCheck {

  /** What the check found. */
  public enum Outcome {
    FROZEN,
    NOT_SERVING
  }

  static final String PATH =
      "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/" + FreezeWebhook.NAME;

  private final TenantApi api;
  private final Clock clock;
  private final Duration grace;
  private final Duration poll;

  FreezeCheck(TenantApi api, Clock clock, Duration grace, Duration poll) {
    this.api = api;
    this.clock = clock;
    this.grace = grace;
    this.poll = poll;
  }

  /**
   * @param adminKubeconfig a kubeconfig of the tenant's admin, with embedded credentials
   * @param grace how long an API server that does not serve is waited for
   */
  public static FreezeCheck of(byte[] adminKubeconfig, Duration grace) {
    return new FreezeCheck(
        TenantApi.of(Kubeconfigs.parse(adminKubeconfig)),
        Clock.systemUTC(),
        grace,
        Duration.ofSeconds(1));
  }

  /**
   * Waits until the tenant is frozen or has not served for the grace period.
   *
   * @throws IllegalStateException if the tenant serves and is still not frozen at {@code deadline}
   */
  public Outcome await(Instant deadline) throws InterruptedException {
    Instant servedLast = clock.instant();
    while (true) {
      if (serving()) {
        servedLast = clock.instant();
        Integer freeze = get(api.status(PATH));
        if (freeze != null && freeze == 200) {
          return Outcome.FROZEN;
        }
      } else if (!clock.instant().isBefore(servedLast.plus(grace))) {
        return Outcome.NOT_SERVING;
      }
      if (!clock.instant().plus(poll).isBefore(deadline)) {
        throw new IllegalStateException(
            "the tenant's API server serves writes and " + FreezeWebhook.NAME + " is not there");
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private boolean serving() throws InterruptedException {
    Integer ready = get(api.status("/readyz"));
    return ready != null && ready == 200;
  }

  /** The status code, or null when the server did not answer. */
  private static Integer get(CompletableFuture<Integer> status) throws InterruptedException {
    try {
      return status.get(TenantApi.REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      status.cancel(true);
      return null;
    }
  }
}
