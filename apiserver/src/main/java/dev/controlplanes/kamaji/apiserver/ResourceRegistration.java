package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.handlers.SubresourceHandler;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import dev.controlplanes.kamaji.apiserver.registry.ObjectChecks;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A resource to serve, with the schema-driven checks built for it, the handlers of its custom
 * subresources (by subresource name) and whatever uses its store once the server has built it
 * (validation of other resources' references to it).
 */
public record ResourceRegistration(
    ResourceType type,
    ObjectChecks checks,
    Map<String, SubresourceHandler> customSubresources,
    Consumer<GenericStore> storeUsers) {

  public ResourceRegistration {
    customSubresources = Map.copyOf(customSubresources);
  }

  public ResourceRegistration(
      ResourceType type, ObjectChecks checks, Map<String, SubresourceHandler> customSubresources) {
    this(type, checks, customSubresources, store -> {});
  }

  public ResourceRegistration(ResourceType type, ObjectChecks checks) {
    this(type, checks, Map.of());
  }
}
