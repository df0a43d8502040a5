package dev.controlplanes.kamaji.apiserver.authn;

import java.util.Optional;

/** Checks a bearer token, like k8s.io/apiserver's {@code authenticator.Token}. */
public interface TokenAuthenticator {

  /**
   * Returns the token's user, or empty when the token is not valid. Throws when the check itself
   * failed or the reviewer reported an error. May block.
   */
  Optional<UserInfo> authenticateToken(String token) throws AuthenticationException;
}
