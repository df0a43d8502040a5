package dev.controlplanes.kamaji.apiserver.authn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tries authenticators in order (k8s.io/apiserver {@code union.New}): the first user found wins and
 * earlier errors are forgotten; when none finds a user but some failed, the failures become one
 * {@link AuthenticationException} (401); when none applies the result is empty.
 *
 * <p>Empty is <em>not</em> turned into {@code system:anonymous} here: the HTTP layer admits
 * anonymous requests only on always-allowed health paths and answers 401 elsewhere.
 */
public final class AuthenticatorChain implements Authenticator {

  private final List<Authenticator> authenticators;

  private AuthenticatorChain(List<Authenticator> authenticators) {
    this.authenticators = List.copyOf(authenticators);
  }

  public static AuthenticatorChain of(List<Authenticator> authenticators) {
    return new AuthenticatorChain(authenticators);
  }

  public static AuthenticatorChain of(Authenticator... authenticators) {
    return new AuthenticatorChain(List.of(authenticators));
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    List<AuthenticationException> errors = new ArrayList<>();
    for (Authenticator authenticator : authenticators) {
      try {
        Optional<UserInfo> user = authenticator.authenticate(request);
        if (user.isPresent()) {
          return user;
        }
      } catch (AuthenticationException e) {
        errors.add(e);
      }
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    throw aggregate(errors);
  }

  /** Go's aggregate error text: the message itself for one error, {@code [a, b]} for several. */
  private static AuthenticationException aggregate(List<AuthenticationException> errors) {
    if (errors.size() == 1) {
      return errors.get(0);
    }
    List<String> messages = new ArrayList<>();
    errors.forEach(e -> messages.add(e.getMessage()));
    AuthenticationException aggregate =
        new AuthenticationException("[" + String.join(", ", messages) + "]");
    errors.forEach(aggregate::addSuppressed);
    return aggregate;
  }
}
