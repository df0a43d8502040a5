package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What the resources of one reconcile pass share: the DataStore in use (already checked ready), the
 * clients and caches, the writer, options, the clock, and what earlier resources of the same pass
 * wrote (the informer caches may not have seen it yet).
 */
public record TenantContext(
    DataStore dataStore,
    KubeClients clients,
    ObjectWriter writer,
    ControllerOptions options,
    Clock clock,
    PassState pass) {

  public TenantContext(
      DataStore dataStore,
      KubeClients clients,
      ObjectWriter writer,
      ControllerOptions options,
      Clock clock) {
    this(dataStore, clients, writer, options, clock, new PassState());
  }

  /** A Secret's data as this pass wrote it, else as the cache has it, else empty. */
  public Map<String, byte[]> secretData(String namespace, String name) {
    Map<String, byte[]> written = pass.secrets().get(name);
    if (written != null) {
      return written;
    }
    return clients
        .secrets()
        .cached(namespace, name)
        .map(s -> s.getData() == null ? Map.<String, byte[]>of() : s.getData())
        .orElse(Map.of());
  }

  /** Secrets written during one pass, by name (one namespace per pass). */
  public record PassState(Map<String, Map<String, byte[]>> secrets) {

    public PassState() {
      this(new HashMap<>());
    }
  }
}
