package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.registry.ObjectChecks;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;

/** A resource to serve, with the schema-driven checks built for it. */
public record ResourceRegistration(ResourceType type, ObjectChecks checks) {}
