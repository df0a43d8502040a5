package dev.controlplanes.kamaji.controllers.tenant;

import java.time.OffsetDateTime;

/**
 * What a completed run of the tenant-side phase ensured in a tenant, for the TenantControlPlane's
 * status.
 *
 * @param at when the run completed
 * @param kubeadmChecksum the checksum of the stored kubeadm configuration the run applied
 * @param coreDns whether CoreDNS was applied (else its objects were removed)
 * @param kubeProxy whether kube-proxy was applied (else removed)
 * @param agentKind the konnectivity agents' workload kind, or null when they were removed
 */
public record TenantSideOutcome(
    OffsetDateTime at,
    String kubeadmChecksum,
    boolean coreDns,
    boolean kubeProxy,
    String agentKind) {}
