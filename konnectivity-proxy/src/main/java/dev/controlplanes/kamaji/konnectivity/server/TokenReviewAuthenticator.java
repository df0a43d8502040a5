package dev.controlplanes.kamaji.konnectivity.server;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.models.V1TokenReview;
import io.kubernetes.client.openapi.models.V1TokenReviewSpec;
import io.kubernetes.client.openapi.models.V1TokenReviewStatus;
import java.util.List;

/**
 * Upstream's service-account check: a TokenReview with the configured audience must authenticate
 * the token as {@code system:serviceaccount:<agent-namespace>:<agent-service-account>}.
 */
public final class TokenReviewAuthenticator implements AgentAuthenticator {

  private static final String BEARER = "Bearer ";

  private final AuthenticationV1Api api;
  private final String audience;
  private final String expectedUser;

  public TokenReviewAuthenticator(
      ApiClient client, String namespace, String serviceAccount, String audience) {
    this.api = new AuthenticationV1Api(client);
    this.audience = audience;
    this.expectedUser = "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  @Override
  public void authenticate(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      throw new SecurityException("missing bearer token in the authorization header");
    }
    String token = authorization.substring(BEARER.length()).strip();
    V1TokenReview review =
        new V1TokenReview().spec(new V1TokenReviewSpec().token(token).audiences(List.of(audience)));
    V1TokenReviewStatus status;
    try {
      status = api.createTokenReview(review).execute().getStatus();
    } catch (ApiException e) {
      throw new SecurityException("TokenReview failed with HTTP status " + e.getCode());
    }
    if (status == null || !Boolean.TRUE.equals(status.getAuthenticated())) {
      throw new SecurityException("token not authenticated for audience " + audience);
    }
    if (status.getError() != null && !status.getError().isEmpty()) {
      throw new SecurityException("token review error: " + status.getError());
    }
    String user = status.getUser() == null ? null : status.getUser().getUsername();
    if (!expectedUser.equals(user)) {
      throw new SecurityException("token belongs to " + user + ", expected " + expectedUser);
    }
  }
}
