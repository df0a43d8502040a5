package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.controllers.kube.WriteResult;

/**
 * One small piece of a tenant control plane, walked in order by {@link ResourcePipeline}, as
 * Kamaji's resource interface: create-or-update (or clean up), then, if the outcome says so, a
 * change to the parent's status. An instance lives for one reconcile pass and may keep what it
 * defined in fields for {@link #updateStatus}.
 *
 * @param <P> the parent object whose status records the outcome
 */
public interface ManagedResource<P> {

  /** Short name for logs and metrics, as Kamaji's (e.g. {@code service}, {@code kubeconfig}). */
  String name();

  /** Whether the resource should be removed instead (an addon turned off, no ingress any more). */
  default boolean shouldCleanup(P parent) {
    return false;
  }

  default WriteResult cleanUp(P parent) {
    return WriteResult.UNCHANGED;
  }

  /** Defines the desired state from the parent and context, and writes it when it differs. */
  WriteResult createOrUpdate(P parent);

  /** Whether the parent's status lags behind what this pass found or wrote. */
  boolean shouldUpdateStatus(P parent);

  /**
   * Records the outcome in {@code parent}'s status. Called on a fresh copy of the parent, possibly
   * more than once when the status write conflicts, so it must only set fields.
   */
  void updateStatus(P parent);
}
