package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import java.time.Clock;

/**
 * What the resources of one reconcile pass share: the DataStore in use (already checked ready), the
 * clients and caches, the writer, options and the clock.
 */
public record TenantContext(
    DataStore dataStore,
    KubeClients clients,
    ObjectWriter writer,
    ControllerOptions options,
    Clock clock) {}
