package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One page of a list.
 *
 * @param continueToken the token for the next page, or null
 * @param remainingItemCount items beyond this page, or null when unknown (selectors)
 */
public record ListPage(
    List<JsonObject> items, long revision, String continueToken, Long remainingItemCount) {}
