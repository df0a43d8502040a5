package dev.controlplanes.kamaji.apiserver.watch;

import com.google.gson.JsonObject;

/**
 * A change decoded once for all watchers.
 *
 * @param object the new state (PUT) or the last state with the delete revision (DELETE)
 * @param previous the state before the change, or null on creation
 */
public record HubEvent(Kind kind, JsonObject object, JsonObject previous, long revision) {

  public enum Kind {
    PUT,
    DELETE
  }
}
