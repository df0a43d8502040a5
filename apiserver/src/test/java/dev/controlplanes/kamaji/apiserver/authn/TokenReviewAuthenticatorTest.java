package dev.controlplanes.kamaji.apiserver.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.threads.NonBlocking;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenReviewAuthenticatorTest {

  private static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String SERVICE_ACCOUNT =
      """
      {"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"echoed"},
       "status":{
        "authenticated":true,
        "user":{"username":"system:serviceaccount:ns:sa","uid":"u-1",
                "groups":["system:serviceaccounts","system:serviceaccounts:ns"],
                "extra":{"authentication.kubernetes.io/pod-name":["pod-1"]}},
        "audiences":["https://kubernetes.default.svc"]}}
      """;
  private static final String NOT_AUTHENTICATED =
      "{\"kind\":\"TokenReview\",\"spec\":{},\"status\":{\"authenticated\":false}}";

  private final MutableClock clock = MutableClock.now();
  private final AtomicReference<StubKubeApiServer.Response> answer = new AtomicReference<>();
  private StubKubeApiServer server;
  private TokenReviewAuthenticator authenticator;

  @BeforeEach
  void startStub() throws Exception {
    server = new StubKubeApiServer().route("POST", PATH, body -> answer.get());
    authenticator = new TokenReviewAuthenticator(server.apiClient(), Duration.ofSeconds(10), clock);
  }

  @AfterEach
  void stopStub() {
    server.close();
  }

  @Test
  void sendsTheTokenWithoutAudiencesAndMapsTheUser() throws Exception {
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));

    UserInfo user = authenticator.authenticateToken("secret-token").orElseThrow();

    assertThat(user)
        .isEqualTo(
            new UserInfo(
                "system:serviceaccount:ns:sa",
                "u-1",
                List.of("system:serviceaccounts", "system:serviceaccounts:ns"),
                Map.of("authentication.kubernetes.io/pod-name", List.of("pod-1"))));
    JsonObject sent = JsonParser.parseString(server.requests().get(0).body()).getAsJsonObject();
    assertThat(sent.get("apiVersion").getAsString()).isEqualTo("authentication.k8s.io/v1");
    assertThat(sent.get("kind").getAsString()).isEqualTo("TokenReview");
    assertThat(sent.getAsJsonObject("spec").keySet()).containsExactly("token");
    assertThat(sent.getAsJsonObject("spec").get("token").getAsString()).isEqualTo("secret-token");
  }

  @Test
  void positiveAnswersAreCachedForTheTtl() throws Exception {
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));

    authenticator.authenticateToken("t");
    clock.advance(Duration.ofMillis(9_999));
    assertThat(authenticator.authenticateToken("t")).isPresent();
    assertThat(server.requests()).hasSize(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(authenticator.authenticateToken("t")).isPresent();
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void withoutBlockingOnlyCachedAnswersAreGiven() throws Exception {
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));

    assertThat(NonBlocking.attempt(() -> authenticate("t"))).isEmpty();
    assertThat(server.requests()).isEmpty();

    Optional<UserInfo> reviewed = authenticator.authenticateToken("t");
    assertThat(NonBlocking.attempt(() -> authenticate("t"))).contains(reviewed);
    assertThat(server.requests()).hasSize(1);
  }

  private Optional<UserInfo> authenticate(String token) {
    try {
      return authenticator.authenticateToken(token);
    } catch (AuthenticationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void negativeAnswersAreCachedForTheTtl() throws Exception {
    answer.set(StubKubeApiServer.Response.ok(NOT_AUTHENTICATED));

    assertThat(authenticator.authenticateToken("t")).isEmpty();
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));
    assertThat(authenticator.authenticateToken("t")).isEmpty();
    assertThat(server.requests()).hasSize(1);

    clock.advance(Duration.ofSeconds(10));
    assertThat(authenticator.authenticateToken("t")).isPresent();
  }

  @Test
  void cacheIsPerToken() throws Exception {
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));

    authenticator.authenticateToken("one");
    authenticator.authenticateToken("two");

    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void reviewErrorIsAnErrorAndNotCached() throws Exception {
    answer.set(
        StubKubeApiServer.Response.ok(
            "{\"spec\":{},\"status\":{\"authenticated\":false,\"error\":\"token has expired\"}}"));

    assertThatThrownBy(() -> authenticator.authenticateToken("t"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("token has expired");
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));
    assertThat(authenticator.authenticateToken("t")).isPresent();
  }

  @Test
  void failedCallIsAnErrorThatNeverContainsTheToken() throws Exception {
    answer.set(new StubKubeApiServer.Response(500, "{\"kind\":\"Status\",\"code\":500}"));

    assertThatThrownBy(() -> authenticator.authenticateToken("very-secret-token"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("TokenReview request failed: HTTP 500")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("very-secret-token"));
    answer.set(StubKubeApiServer.Response.ok(SERVICE_ACCOUNT));
    assertThat(authenticator.authenticateToken("very-secret-token")).isPresent();
  }

  @Test
  void undecodableResponseIsAnErrorThatNeverQuotesTheEchoedToken() {
    // kube-apiserver echoes spec.token; client-java rejects this body (no spec.token type match)
    // with a message quoting all of it.
    answer.set(
        StubKubeApiServer.Response.ok(
            "{\"spec\":{\"token\":\"very-secret-token\"},\"status\":{\"user\":\"oops\"}}"));

    assertThatThrownBy(() -> authenticator.authenticateToken("very-secret-token"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("TokenReview response could not be decoded")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain("very-secret-token"));
  }

  @Test
  void unreachableServerIsAnError() throws Exception {
    TokenReviewAuthenticator unreachable = new TokenReviewAuthenticator(server.apiClient());
    server.close();

    assertThatThrownBy(() -> unreachable.authenticateToken("t"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("TokenReview request failed: java.net.ConnectException");
  }

  private static String stackText(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t).append('\n');
    }
    return out.toString();
  }
}
