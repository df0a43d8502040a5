package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.handlers.SubresourceHandler;
import dev.controlplanes.kamaji.apiserver.registry.ObjectChecks;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import java.util.Map;

/**
 * A resource to serve, with the schema-driven checks built for it and the handlers of its custom
 * subresources (by subresource name).
 */
public record ResourceRegistration(
    ResourceType type, ObjectChecks checks, Map<String, SubresourceHandler> customSubresources) {

  public ResourceRegistration {
    customSubresources = Map.copyOf(customSubresources);
  }

  public ResourceRegistration(ResourceType type, ObjectChecks checks) {
    this(type, checks, Map.of());
  }
}
