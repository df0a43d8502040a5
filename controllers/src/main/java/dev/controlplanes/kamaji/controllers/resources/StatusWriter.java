package dev.controlplanes.kamaji.controllers.resources;

import java.util.function.Consumer;

/**
 * Writes a change to the parent's status through the status subresource, re-reading and re-applying
 * the change on conflicts; returns the parent as stored.
 */
@FunctionalInterface
public interface StatusWriter<P> {

  P write(P parent, Consumer<P> change);
}
