package dev.controlplanes.kamaji.apiserver.authn;

import java.util.Optional;

/**
 * Decides who sent a request, like k8s.io/apiserver's {@code authenticator.Request}.
 *
 * <p>Three outcomes: a user (the credential is valid), empty (this authenticator does not apply: no
 * credential of its kind), or {@link AuthenticationException} (a credential of its kind is present
 * but invalid, or the check could not be made). Implementations may block (remote reviews), so
 * callers must not run them on a Netty event loop, except inside {@link
 * dev.controlplanes.kamaji.apiserver.threads.NonBlocking#attempt}, where a remote review refuses.
 */
public interface Authenticator {

  Optional<UserInfo> authenticate(AuthenticationRequest request) throws AuthenticationException;
}
