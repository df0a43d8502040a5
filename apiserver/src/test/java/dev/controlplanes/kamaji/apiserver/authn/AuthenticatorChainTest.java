package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorChainTest {

  private static final AuthenticationRequest REQUEST =
      new AuthenticationRequest(headers(), List.of());

  private final List<String> calls = new ArrayList<>();

  private Authenticator user(String label, String name) {
    return request -> {
      calls.add(label);
      return Optional.of(UserInfo.of(name));
    };
  }

  private Authenticator notApplicable(String label) {
    return request -> {
      calls.add(label);
      return Optional.empty();
    };
  }

  private Authenticator failing(String label, String message) {
    return request -> {
      calls.add(label);
      throw new AuthenticationException(message);
    };
  }

  @Test
  void firstSuccessWinsAndLaterAuthenticatorsAreNotAsked() throws Exception {
    AuthenticatorChain chain =
        AuthenticatorChain.of(notApplicable("a"), user("b", "bob"), user("c", "carol"));

    assertThat(chain.authenticate(REQUEST)).contains(UserInfo.of("bob"));
    assertThat(calls).containsExactly("a", "b");
  }

  @Test
  void anEarlierErrorIsForgottenWhenALaterAuthenticatorSucceeds() throws Exception {
    AuthenticatorChain chain = AuthenticatorChain.of(failing("a", "bad cert"), user("b", "bob"));

    assertThat(chain.authenticate(REQUEST)).contains(UserInfo.of("bob"));
  }

  @Test
  void anErrorWithoutASuccessIsUnauthorized() {
    AuthenticatorChain chain =
        AuthenticatorChain.of(notApplicable("a"), failing("b", "invalid bearer token"));

    assertThatThrownBy(() -> chain.authenticate(REQUEST)).hasMessage("invalid bearer token");
  }

  @Test
  void severalErrorsAreAggregatedLikeGo() {
    AuthenticatorChain chain = AuthenticatorChain.of(failing("a", "one"), failing("b", "two"));

    assertThatThrownBy(() -> chain.authenticate(REQUEST))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("[one, two]")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
  }

  @Test
  void nothingApplicableIsEmptyNotAnonymous() throws Exception {
    AuthenticatorChain chain = AuthenticatorChain.of(notApplicable("a"), notApplicable("b"));

    assertThat(chain.authenticate(REQUEST)).isEmpty();
    assertThat(AuthenticatorChain.of().authenticate(REQUEST)).isEmpty();
  }

  @Test
  void groupAdderAppendsSystemAuthenticatedOnce() throws Exception {
    Authenticator aggregator = request -> Optional.of(UserInfo.of("system:kube-aggregator"));
    Authenticator alreadyThere =
        request -> Optional.of(UserInfo.of("alice", "dev", UserInfo.ALL_AUTHENTICATED));

    assertThat(new AuthenticatedGroupAdder(aggregator).authenticate(REQUEST).orElseThrow().groups())
        .containsExactly(UserInfo.ALL_AUTHENTICATED);
    assertThat(
            new AuthenticatedGroupAdder(alreadyThere).authenticate(REQUEST).orElseThrow().groups())
        .containsExactly("dev", UserInfo.ALL_AUTHENTICATED);
  }

  @Test
  void groupAdderKeepsUidAndExtra() throws Exception {
    UserInfo sa =
        new UserInfo(
            "system:serviceaccount:ns:sa", "uid-1", List.of("g"), Map.of("k", List.of("v")));

    UserInfo result =
        new AuthenticatedGroupAdder(request -> Optional.of(sa)).authenticate(REQUEST).orElseThrow();

    assertThat(result)
        .isEqualTo(
            new UserInfo(sa.name(), "uid-1", List.of("g", UserInfo.ALL_AUTHENTICATED), sa.extra()));
  }

  @Test
  void groupAdderLeavesAnonymousAndUnauthenticatedAlone() throws Exception {
    UserInfo unauthenticatedGroup = UserInfo.of("probe", UserInfo.ALL_UNAUTHENTICATED);

    assertThat(
            new AuthenticatedGroupAdder(request -> Optional.of(UserInfo.anonymous()))
                .authenticate(REQUEST))
        .contains(UserInfo.anonymous());
    assertThat(
            new AuthenticatedGroupAdder(request -> Optional.of(unauthenticatedGroup))
                .authenticate(REQUEST))
        .contains(unauthenticatedGroup);
  }

  @Test
  void groupAdderPassesErrorsAndEmptyThrough() throws Exception {
    assertThat(new AuthenticatedGroupAdder(notApplicable("a")).authenticate(REQUEST)).isEmpty();
    assertThatThrownBy(
            () -> new AuthenticatedGroupAdder(failing("b", "boom")).authenticate(REQUEST))
        .hasMessage("boom");
  }
}
