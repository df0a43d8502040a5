/**
 * Pure builders of the desired state Kamaji keeps for one TenantControlPlane in the management
 * cluster: the Service, the kubeadm ConfigMap, the datastore-config Secret, the control-plane
 * Deployment, the konnectivity egress-selector ConfigMap and the Ingress.
 *
 * <p>Every builder takes the typed TenantControlPlane plus {@link
 * dev.controlplanes.kamaji.controllers.model.ResolvedFacts} (what the reconciler looked up) and
 * returns client-java objects. No client calls, no I/O, no clocks or randomness: the same input
 * gives byte-identical JSON, so the reconciler can compare checksums to skip writes. Maps are
 * sorted so their serialized order never depends on the input's.
 */
package dev.controlplanes.kamaji.controllers.model;
