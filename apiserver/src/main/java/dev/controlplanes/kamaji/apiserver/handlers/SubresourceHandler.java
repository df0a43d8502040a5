package dev.controlplanes.kamaji.apiserver.handlers;

import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;

/**
 * A subresource served by per-type code rather than the generic verbs (e.g. {@code
 * tenantcontrolplanes/kubeconfig}). The router has checked the path, scope and name.
 */
@FunctionalInterface
public interface SubresourceHandler {

  ApiResponse handle(ApiRequest request, GenericStore store);
}
