package dev.controlplanes.kamaji.apiserver.authn;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>} (k8s.io/apiserver {@code bearertoken}). No such header, or
 * an empty token: does not apply. A token the reviewer does not accept: error {@code invalid bearer
 * token}, never anonymous. On success the header is removed so that nothing downstream can reuse
 * the credential.
 */
public final class BearerTokenAuthenticator implements Authenticator {

  private final TokenAuthenticator tokens;

  public BearerTokenAuthenticator(TokenAuthenticator tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    HttpHeaders headers = request.headers();
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    String[] parts = authorization.strip().split(" ", 3);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isEmpty()) {
      return Optional.empty();
    }
    Optional<UserInfo> user = tokens.authenticateToken(parts[1]);
    if (user.isEmpty()) {
      throw new AuthenticationException("invalid bearer token");
    }
    headers.remove(HttpHeaderNames.AUTHORIZATION);
    return user;
  }
}
