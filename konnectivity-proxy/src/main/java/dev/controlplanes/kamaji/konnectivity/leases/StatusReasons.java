package dev.controlplanes.kamaji.konnectivity.leases;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/** The {@code reason} of a Kubernetes Status, as upstream labels its lease call metrics. */
public final class StatusReasons {

  private StatusReasons() {}

  /** The reason of the Status in an error response's body, or "" when the body has none. */
  public static String of(String body) {
    try {
      JsonElement reason = JsonParser.parseString(body).getAsJsonObject().get("reason");
      return reason == null ? "" : reason.getAsString();
    } catch (RuntimeException notStatus) {
      return "";
    }
  }
}
