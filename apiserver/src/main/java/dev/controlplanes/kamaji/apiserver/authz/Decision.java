package dev.controlplanes.kamaji.apiserver.authz;

import java.util.Objects;

/**
 * An authorizer's answer with its reason (shown to users after {@code ": "} in 403 messages).
 *
 * @param kind allow, deny, or no opinion (the next authorizer decides)
 * @param reason free text from the authorizer, often empty
 */
public record Decision(Kind kind, String reason) {

  /** The three answers of k8s.io/apiserver's {@code authorizer.Decision}. */
  public enum Kind {
    ALLOW,
    DENY,
    NO_OPINION
  }

  public Decision {
    Objects.requireNonNull(kind, "kind");
    reason = reason == null ? "" : reason;
  }

  public static Decision allow(String reason) {
    return new Decision(Kind.ALLOW, reason);
  }

  public static Decision deny(String reason) {
    return new Decision(Kind.DENY, reason);
  }

  public static Decision noOpinion(String reason) {
    return new Decision(Kind.NO_OPINION, reason);
  }

  public boolean isAllowed() {
    return kind == Kind.ALLOW;
  }
}
