package dev.controlplanes.kamaji.apiserver.options;

import java.time.Duration;

/**
 * How replicas elect the one that runs the embedded controllers, with kube-controller-manager's
 * flag names and defaults.
 *
 * @param enabled {@code --leader-elect}; off, every replica runs the controllers (one replica only)
 * @param namespace {@code --leader-election-namespace}, where the Lease lives
 * @param name {@code --leader-election-id}, the Lease's name
 */
public record LeaderElectionOptions(
    boolean enabled,
    String namespace,
    String name,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {}
