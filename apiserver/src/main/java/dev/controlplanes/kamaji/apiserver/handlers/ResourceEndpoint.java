package dev.controlplanes.kamaji.apiserver.handlers;

import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import dev.controlplanes.kamaji.apiserver.table.TableConverter;
import dev.controlplanes.kamaji.apiserver.watch.WatchHub;

/** The serving pieces of one resource: its store, its watch fan-out and its table printer. */
public record ResourceEndpoint(GenericStore store, WatchHub hub, TableConverter tables) {}
