package dev.controlplanes.kamaji.apiserver.registry;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;

/** Parses client-supplied resourceVersion values. */
public final class RequestedVersion {

  private RequestedVersion() {}

  /** A positive revision; anything else is kube's 400 "invalid resource version". */
  public static long parse(String value) {
    try {
      long revision = Long.parseLong(value);
      if (revision < 0) {
        throw new NumberFormatException();
      }
      return revision;
    } catch (NumberFormatException e) {
      throw Statuses.badRequest("invalid resource version: \"" + value + "\"");
    }
  }
}
