package dev.controlplanes.kamaji.apiserver.authz;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks authorizers in order (k8s.io/apiserver {@code union.New}): the first ALLOW or DENY wins.
 * When every authorizer has no opinion the answer is DENY, with their reasons joined by newlines.
 * An authorizer that throws is skipped; if no later one decides, the errors are rethrown as one
 * {@link AuthorizationException} (HTTP 500), because "could not ask" is not "denied".
 */
public final class AuthorizerChain implements Authorizer {

  private final List<Authorizer> authorizers;

  private AuthorizerChain(List<Authorizer> authorizers) {
    this.authorizers = List.copyOf(authorizers);
  }

  public static AuthorizerChain of(List<Authorizer> authorizers) {
    return new AuthorizerChain(authorizers);
  }

  public static AuthorizerChain of(Authorizer... authorizers) {
    return new AuthorizerChain(List.of(authorizers));
  }

  /**
   * The delegated authorizer of an aggregated API server: health paths and {@code system:masters}
   * locally, then {@code subjectAccessReviews} (a {@link SubjectAccessReviewAuthorizer}).
   */
  public static AuthorizerChain delegating(Authorizer subjectAccessReviews) {
    return of(PathAndGroupAuthorizer.defaults(), subjectAccessReviews);
  }

  @Override
  public Decision authorize(AuthorizationAttributes attributes) throws AuthorizationException {
    List<AuthorizationException> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Authorizer authorizer : authorizers) {
      Decision decision;
      try {
        decision = authorizer.authorize(attributes);
      } catch (AuthorizationException e) {
        errors.add(e);
        continue;
      }
      if (decision.kind() != Decision.Kind.NO_OPINION) {
        return decision;
      }
      if (!decision.reason().isEmpty()) {
        reasons.add(decision.reason());
      }
    }
    if (!errors.isEmpty()) {
      throw aggregate(errors);
    }
    return Decision.deny(String.join("\n", reasons));
  }

  private static AuthorizationException aggregate(List<AuthorizationException> errors) {
    if (errors.size() == 1) {
      return errors.get(0);
    }
    List<String> messages = new ArrayList<>();
    errors.forEach(e -> messages.add(e.getMessage()));
    AuthorizationException aggregate =
        new AuthorizationException("[" + String.join(", ", messages) + "]");
    errors.forEach(aggregate::addSuppressed);
    return aggregate;
  }
}
