package dev.controlplanes.kamaji.storage;

import java.util.List;

/**
 * One page of a range read.
 *
 * @param items the key-values in key order
 * @param revision the store revision the page was read at (reuse it to read the next page)
 * @param more true when keys beyond this page exist at that revision
 * @param remaining how many keys exist beyond this page at that revision
 */
public record ListResult(List<KeyValue> items, long revision, boolean more, long remaining) {}
