package dev.controlplanes.kamaji.apiserver.authz;

import static dev.controlplanes.kamaji.apiserver.authz.Attributes.datastore;
import static dev.controlplanes.kamaji.apiserver.authz.Attributes.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.authn.MutableClock;
import dev.controlplanes.kamaji.apiserver.authn.StubKubeApiServer;
import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import dev.controlplanes.kamaji.apiserver.threads.NonBlocking;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectAccessReviewAuthorizerTest {

  private static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  private static final String ALLOWED_REASON = "RBAC: allowed by ClusterRoleBinding \"admin\"";
  private static final String ALLOWED =
      "{\"allowed\":true,\"reason\":\"RBAC: allowed by ClusterRoleBinding \\\"admin\\\"\"}";
  private static final String NOT_ALLOWED = "{\"allowed\":false}";
  private static final String DENIED = "{\"allowed\":false,\"denied\":true,\"reason\":\"banned\"}";

  private static final UserInfo ALICE =
      new UserInfo(
          "alice",
          "uid-7",
          List.of("dev", UserInfo.ALL_AUTHENTICATED),
          extra("z-key", "1", "authentication.kubernetes.io/credential-id", "X509SHA256=ab"));

  private final MutableClock clock = MutableClock.now();
  private final AtomicReference<String> status = new AtomicReference<>(ALLOWED);
  private StubKubeApiServer server;
  private SubjectAccessReviewAuthorizer authorizer;

  @BeforeEach
  void startStub() throws Exception {
    server =
        new StubKubeApiServer()
            .route(
                "POST",
                PATH,
                body -> {
                  // kube-apiserver echoes the review with its status filled in.
                  JsonObject review = JsonParser.parseString(body).getAsJsonObject();
                  review.add("status", JsonParser.parseString(status.get()));
                  return StubKubeApiServer.Response.ok(review.toString());
                });
    authorizer =
        new SubjectAccessReviewAuthorizer(
            server.apiClient(), Duration.ofSeconds(10), Duration.ofSeconds(5), clock);
  }

  @AfterEach
  void stopStub() {
    server.close();
  }

  @Test
  void resourceRequestSendsResourceAttributesAndTheWholeUser() throws Exception {
    authorizer.authorize(tcp(ALICE, "list", "tcp-test", "", ""));

    JsonObject sent = sentReview(0);
    assertThat(sent.get("apiVersion").getAsString()).isEqualTo("authorization.k8s.io/v1");
    assertThat(sent.get("kind").getAsString()).isEqualTo("SubjectAccessReview");
    assertThat(sent.getAsJsonObject("spec"))
        .isEqualTo(
            JsonParser.parseString(
                """
                {"user":"alice","uid":"uid-7","groups":["dev","system:authenticated"],
                 "extra":{"authentication.kubernetes.io/credential-id":["X509SHA256=ab"],
                          "z-key":["1"]},
                 "resourceAttributes":{"namespace":"tcp-test","verb":"list",
                   "group":"kamaji.clastix.io","version":"v1alpha1",
                   "resource":"tenantcontrolplanes"}}
                """));
  }

  @Test
  void subresourceAndNameAreSent() throws Exception {
    authorizer.authorize(tcp(ALICE, "get", "tcp-test", "t1", "kubeconfig"));

    JsonObject attributes =
        sentReview(0).getAsJsonObject("spec").getAsJsonObject("resourceAttributes");
    assertThat(attributes.get("subresource").getAsString()).isEqualTo("kubeconfig");
    assertThat(attributes.get("name").getAsString()).isEqualTo("t1");
  }

  @Test
  void nonResourceRequestSendsPathAndVerbOnly() throws Exception {
    authorizer.authorize(
        AuthorizationAttributes.nonResource(
            UserInfo.of("system:aggregator"), "get", "/openapi/v3"));

    assertThat(sentReview(0).getAsJsonObject("spec"))
        .isEqualTo(
            JsonParser.parseString(
                "{\"user\":\"system:aggregator\","
                    + "\"nonResourceAttributes\":{\"path\":\"/openapi/v3\",\"verb\":\"get\"}}"));
  }

  @Test
  void statusMapsToDecisions() throws Exception {
    assertThat(authorizer.authorize(datastore(ALICE, "get", "a")))
        .isEqualTo(Decision.allow("RBAC: allowed by ClusterRoleBinding \"admin\""));
    status.set(DENIED);
    assertThat(authorizer.authorize(datastore(ALICE, "get", "b")))
        .isEqualTo(Decision.deny("banned"));
    status.set(NOT_ALLOWED);
    assertThat(authorizer.authorize(datastore(ALICE, "get", "c")))
        .isEqualTo(Decision.noOpinion(""));
  }

  @Test
  void allowedAndDeniedAtOnceIsAnError() {
    status.set("{\"allowed\":true,\"denied\":true}");

    assertThatThrownBy(() -> authorizer.authorize(datastore(ALICE, "get", "a")))
        .isInstanceOf(AuthorizationException.class)
        .hasMessage("webhook subject access review returned both allow and deny response");
  }

  @Test
  void allowedAnswersAreCachedForTheAllowedTtl() throws Exception {
    AuthorizationAttributes get = tcp(ALICE, "get", "ns", "t1", "");

    authorizer.authorize(get);
    status.set(DENIED);
    clock.advance(Duration.ofMillis(9_999));
    assertThat(authorizer.authorize(get).isAllowed()).isTrue();
    assertThat(server.requests()).hasSize(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(authorizer.authorize(get)).isEqualTo(Decision.deny("banned"));
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void withoutBlockingOnlyCachedAnswersAreGiven() throws Exception {
    AuthorizationAttributes get = tcp(ALICE, "get", "ns", "t1", "");

    assertThat(NonBlocking.attempt(() -> authorize(get))).isEmpty();
    assertThat(server.requests()).isEmpty();

    authorizer.authorize(get);
    assertThat(NonBlocking.attempt(() -> authorize(get))).contains(Decision.allow(ALLOWED_REASON));
    assertThat(server.requests()).hasSize(1);
  }

  private Decision authorize(AuthorizationAttributes attributes) {
    try {
      return authorizer.authorize(attributes);
    } catch (AuthorizationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deniedAnswersAreCachedForTheDeniedTtl() throws Exception {
    status.set(NOT_ALLOWED);
    AuthorizationAttributes get = tcp(ALICE, "get", "ns", "t1", "");

    authorizer.authorize(get);
    status.set(ALLOWED);
    clock.advance(Duration.ofMillis(4_999));
    assertThat(authorizer.authorize(get).kind()).isEqualTo(Decision.Kind.NO_OPINION);

    clock.advance(Duration.ofMillis(1));
    assertThat(authorizer.authorize(get).isAllowed()).isTrue();
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void cacheKeyIsTheWholeSpec() throws Exception {
    authorizer.authorize(tcp(ALICE, "get", "ns", "t1", ""));
    authorizer.authorize(tcp(ALICE, "get", "ns", "t2", ""));
    authorizer.authorize(tcp(UserInfo.of("alice"), "get", "ns", "t1", ""));
    authorizer.authorize(tcp(ALICE, "get", "ns", "t1", ""));

    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void extraOrderDoesNotChangeTheCacheKey() throws Exception {
    UserInfo reordered =
        new UserInfo(
            "alice",
            "uid-7",
            ALICE.groups(),
            extra("authentication.kubernetes.io/credential-id", "X509SHA256=ab", "z-key", "1"));

    authorizer.authorize(tcp(ALICE, "get", "ns", "t1", ""));
    authorizer.authorize(tcp(reordered, "get", "ns", "t1", ""));

    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void hugeAttributesAreNotCached() throws Exception {
    AuthorizationAttributes huge = tcp(ALICE, "get", "ns", "n".repeat(10_000), "");

    authorizer.authorize(huge);
    authorizer.authorize(huge);

    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void failedReviewsAreErrorsAndNotCached() throws Exception {
    server.route("POST", PATH, body -> new StubKubeApiServer.Response(503, "{}"));
    AuthorizationAttributes get = tcp(ALICE, "get", "ns", "t1", "");

    assertThatThrownBy(() -> authorizer.authorize(get))
        .isInstanceOf(AuthorizationException.class)
        .hasMessage("SubjectAccessReview request failed: HTTP 503");
    assertThatThrownBy(() -> authorizer.authorize(get)).isInstanceOf(AuthorizationException.class);
    assertThat(server.requests()).hasSize(2);
  }

  private JsonObject sentReview(int index) {
    return JsonParser.parseString(server.requests().get(index).body()).getAsJsonObject();
  }

  private static Map<String, List<String>> extra(String k1, String v1, String k2, String v2) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    extra.put(k1, List.of(v1));
    extra.put(k2, List.of(v2));
    return extra;
  }
}
