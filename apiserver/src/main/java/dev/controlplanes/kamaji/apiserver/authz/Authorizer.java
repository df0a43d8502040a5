package dev.controlplanes.kamaji.apiserver.authz;

/**
 * Decides whether a user may do something (k8s.io/apiserver {@code authorizer.Authorizer}).
 * Implementations may block (remote reviews): do not call them on a Netty event loop, except inside
 * {@link dev.controlplanes.kamaji.apiserver.threads.NonBlocking#attempt}, where a remote review
 * refuses.
 */
public interface Authorizer {

  /**
   * @throws AuthorizationException when no decision could be made (review call failed); the HTTP
   *     layer answers 500, not 403, as k8s.io/apiserver does
   */
  Decision authorize(AuthorizationAttributes attributes) throws AuthorizationException;
}
