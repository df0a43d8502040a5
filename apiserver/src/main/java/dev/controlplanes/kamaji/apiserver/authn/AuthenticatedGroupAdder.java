package dev.controlplanes.kamaji.apiserver.authn;

import java.util.Objects;
import java.util.Optional;

/**
 * Adds {@code system:authenticated} to every authenticated user that has neither it nor {@code
 * system:unauthenticated}, except {@code system:anonymous} (k8s.io/apiserver {@code
 * group.AuthenticatedGroupAdder}). Without it, group-less internal identities such as {@code
 * system:kube-aggregator} match no RBAC binding and discovery and OpenAPI break.
 */
public final class AuthenticatedGroupAdder implements Authenticator {

  private final Authenticator delegate;

  public AuthenticatedGroupAdder(Authenticator delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    return delegate.authenticate(request).map(AuthenticatedGroupAdder::withAuthenticatedGroup);
  }

  static UserInfo withAuthenticatedGroup(UserInfo user) {
    if (user.isAnonymous()
        || user.groups().contains(UserInfo.ALL_AUTHENTICATED)
        || user.groups().contains(UserInfo.ALL_UNAUTHENTICATED)) {
      return user;
    }
    return user.withGroup(UserInfo.ALL_AUTHENTICATED);
  }
}
