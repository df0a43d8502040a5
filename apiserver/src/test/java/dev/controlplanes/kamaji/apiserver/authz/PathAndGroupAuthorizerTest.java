package dev.controlplanes.kamaji.apiserver.authz;

import static dev.controlplanes.kamaji.apiserver.authz.Attributes.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathAndGroupAuthorizerTest {

  private final PathAndGroupAuthorizer authorizer = PathAndGroupAuthorizer.defaults();

  @Test
  void healthPathsAndTheirSubChecksAreAllowedForAnyone() {
    for (String path :
        List.of("/healthz", "/livez", "/readyz", "/healthz/etcd", "/readyz/informer-sync")) {
      assertThat(authorizer.authorize(nonResource(UserInfo.anonymous(), path)))
          .as(path)
          .isEqualTo(Decision.allow(""));
    }
  }

  @Test
  void otherPathsHaveNoOpinion() {
    for (String path : List.of("/healthzz", "/metrics", "/openapi/v3", "/", "/livez2")) {
      assertThat(authorizer.authorize(nonResource(UserInfo.of("alice"), path)).kind())
          .as(path)
          .isEqualTo(Decision.Kind.NO_OPINION);
    }
  }

  @Test
  void resourceRequestsAreNeverAllowedByPath() {
    AuthorizationAttributes resource =
        new AuthorizationAttributes(
            UserInfo.of("alice"), "get", true, "/healthz", "", "", "v1", "healthz", "", "");

    assertThat(authorizer.authorize(resource).kind()).isEqualTo(Decision.Kind.NO_OPINION);
  }

  @Test
  void systemMastersIsAllowedEverything() {
    UserInfo admin = UserInfo.of("kubernetes-admin", "system:masters");

    assertThat(authorizer.authorize(tcp(admin, "delete", "ns", "t1", "")).isAllowed()).isTrue();
    assertThat(authorizer.authorize(nonResource(admin, "/openapi/v3")).isAllowed()).isTrue();
  }

  @Test
  void alwaysAllowedPathCheckIsExposedForTheAnonymousDecision() {
    assertThat(authorizer.isAlwaysAllowedPath("/readyz/etcd")).isTrue();
    assertThat(authorizer.isAlwaysAllowedPath("/apis")).isFalse();
  }

  @Test
  void onlyTrailingWildcardsAreAccepted() {
    assertThatThrownBy(() -> new PathAndGroupAuthorizer(List.of("/a*/b"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only trailing * allowed in \"/a*/b\"");
    PathAndGroupAuthorizer root = new PathAndGroupAuthorizer(List.of("/"), List.of());
    assertThat(root.isAlwaysAllowedPath("/")).isTrue();
    assertThat(root.isAlwaysAllowedPath("/x")).isFalse();
  }

  private static AuthorizationAttributes nonResource(UserInfo user, String path) {
    return AuthorizationAttributes.nonResource(user, "get", path);
  }
}
