package dev.controlplanes.kamaji.apiserver.authn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The token of the server's own loopback client (the embedded controllers), checked before any
 * other token like kube-apiserver's loopback token: a random secret that exists only in this
 * process's memory, for {@code system:apiserver} in {@code system:masters}. Every other token goes
 * to {@code next} (TokenReview).
 */
public final class LoopbackTokenAuthenticator implements TokenAuthenticator {

  /** kube-apiserver's name for itself when it calls its own API. */
  public static final String USER = "system:apiserver";

  private final byte[] token;
  private final UserInfo user;
  private final Optional<TokenAuthenticator> next;

  private LoopbackTokenAuthenticator(String token, Optional<TokenAuthenticator> next) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.user =
        new UserInfo(
            USER, UUID.randomUUID().toString(), List.of(UserInfo.SYSTEM_MASTERS), Map.of());
    this.next = Objects.requireNonNull(next, "next");
  }

  /** A fresh 256-bit random token, then {@code next} for every other token. */
  public static LoopbackTokenAuthenticator generate(Optional<TokenAuthenticator> next) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new LoopbackTokenAuthenticator(
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret), next);
  }

  /** The token, for the loopback client only: never log it. */
  public String token() {
    return new String(token, StandardCharsets.UTF_8);
  }

  @Override
  public Optional<UserInfo> authenticateToken(String presented) throws AuthenticationException {
    // Constant time, so the comparison does not leak how much of a guess was right.
    if (MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(user);
    }
    return next.isPresent() ? next.get().authenticateToken(presented) : Optional.empty();
  }

  @Override
  public String toString() {
    return "LoopbackTokenAuthenticator[" + USER + "]";
  }
}
