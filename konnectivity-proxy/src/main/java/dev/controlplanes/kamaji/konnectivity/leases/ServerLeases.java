package dev.controlplanes.kamaji.konnectivity.leases;

import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What a konnectivity server's Lease is called and when it counts as held. */
public final class ServerLeases {

  private ServerLeases() {}

  /** The name upstream servers give their Lease. */
  public static String name(String serverId) {
    return "konnectivity-proxy-server-" + serverId;
  }

  /**
   * Upstream's validity rule: the last renewal (or, without one, the acquisition) plus the lease
   * duration is still in the future. A Lease with neither time, or without a duration, is expired.
   */
  public static boolean isValid(V1Lease lease, Instant now) {
    V1LeaseSpec spec = lease.getSpec();
    if (spec == null || spec.getLeaseDurationSeconds() == null) {
      return false;
    }
    OffsetDateTime last = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
    if (last == null) {
      return false;
    }
    return last.toInstant().plusSeconds(spec.getLeaseDurationSeconds()).isAfter(now);
  }
}
