package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.authn.AuthenticationException;
import dev.controlplanes.kamaji.apiserver.authn.AuthenticationRequest;
import dev.controlplanes.kamaji.apiserver.authn.Authenticator;
import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import dev.controlplanes.kamaji.apiserver.authz.AuthorizationAttributes;
import dev.controlplanes.kamaji.apiserver.authz.AuthorizationException;
import dev.controlplanes.kamaji.apiserver.authz.Authorizer;
import dev.controlplanes.kamaji.apiserver.authz.Decision;
import dev.controlplanes.kamaji.apiserver.authz.ForbiddenMessages;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.registry.FieldSelector;
import dev.controlplanes.kamaji.apiserver.request.RequestInfo;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegated authentication and authorization, as an aggregated server does it: identify the caller
 * from front-proxy headers, a client certificate or a bearer token, then ask the management cluster
 * (SubjectAccessReview) unless the group or path is always allowed. Anonymous requests are refused
 * with 401.
 */
final class DelegatedAccessControl implements AccessControl {

  private static final Logger LOG = LoggerFactory.getLogger(DelegatedAccessControl.class);

  private final Authenticator authenticator;
  private final Authorizer authorizer;

  DelegatedAccessControl(Authenticator authenticator, Authorizer authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
  }

  @Override
  public UserInfo check(ApiRequest request) {
    UserInfo user = authenticate(request);
    authorize(user, request, request.info().verb());
    return user;
  }

  @Override
  public void checkVerb(ApiRequest request, String verb) {
    if (request.user() == null) {
      throw Statuses.unauthorized();
    }
    authorize(request.user(), request, verb);
  }

  private void authorize(UserInfo user, ApiRequest request, String verb) {
    AuthorizationAttributes attributes = attributes(user, request.info(), verb, request);
    Decision decision;
    try {
      decision = authorizer.authorize(attributes);
    } catch (AuthorizationException e) {
      LOG.warn(
          "authorization failed for {} {}: {}", attributes.verb(), request.path(), e.getMessage());
      throw Statuses.internal("the authorization check could not be completed");
    }
    if (!decision.isAllowed()) {
      ForbiddenMessages.Forbidden forbidden =
          ForbiddenMessages.forbidden(attributes, decision.reason());
      throw new StatusException(
          403,
          "Forbidden",
          forbidden.message(),
          forbidden.kind().isEmpty()
              ? null
              : new StatusException.Details(
                  emptyToNull(forbidden.name()),
                  forbidden.group(),
                  forbidden.kind(),
                  null,
                  java.util.List.of(),
                  null));
    }
  }

  private UserInfo authenticate(ApiRequest request) {
    Optional<UserInfo> user;
    try {
      user =
          authenticator.authenticate(
              new AuthenticationRequest(request.headers(), request.peerCertificates()));
    } catch (AuthenticationException e) {
      // The reason stays in our log; clients only learn that they are not authenticated.
      LOG.info("unable to authenticate the request: {}", e.getMessage());
      throw Statuses.unauthorized();
    }
    if (user.isEmpty() || user.get().isAnonymous()) {
      throw Statuses.unauthorized();
    }
    return user.get();
  }

  private static AuthorizationAttributes attributes(
      UserInfo user, RequestInfo info, String verb, ApiRequest request) {
    if (!info.resourceRequest()) {
      return AuthorizationAttributes.nonResource(user, verb, info.path());
    }
    String name = info.name();
    if (name.isEmpty() && (verb.equals("list") || verb.equals("watch"))) {
      // kube authorizes a list or watch of one object by name as access to that name
      try {
        String selected = FieldSelector.parse(request.param("fieldSelector"), true).requiredName();
        name = selected == null ? "" : selected;
      } catch (StatusException e) {
        name = "";
      }
    }
    return new AuthorizationAttributes(
        user,
        verb,
        true,
        info.path(),
        info.namespace(),
        info.apiGroup(),
        info.apiVersion(),
        info.resource(),
        info.subresource(),
        name);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
