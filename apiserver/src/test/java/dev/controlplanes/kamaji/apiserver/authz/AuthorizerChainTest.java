package dev.controlplanes.kamaji.apiserver.authz;

import static dev.controlplanes.kamaji.apiserver.authz.Attributes.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerChainTest {

  private static final AuthorizationAttributes GET =
      tcp(UserInfo.of("alice"), "get", "ns", "t1", "");

  private final List<String> calls = new ArrayList<>();

  private Authorizer answering(String label, Decision decision) {
    return attributes -> {
      calls.add(label);
      return decision;
    };
  }

  private Authorizer failing(String label) {
    return attributes -> {
      calls.add(label);
      throw new AuthorizationException(label + " unreachable");
    };
  }

  @Test
  void firstDecisionWins() throws Exception {
    AuthorizerChain chain =
        AuthorizerChain.of(
            answering("a", Decision.noOpinion("")),
            answering("b", Decision.deny("nope")),
            answering("c", Decision.allow("")));

    assertThat(chain.authorize(GET)).isEqualTo(Decision.deny("nope"));
    assertThat(calls).containsExactly("a", "b");
  }

  @Test
  void noOpinionAtTheEndIsDenyWithTheReasonsJoined() throws Exception {
    AuthorizerChain chain =
        AuthorizerChain.of(
            answering("a", Decision.noOpinion("first")),
            answering("b", Decision.noOpinion("")),
            answering("c", Decision.noOpinion("second")));

    assertThat(chain.authorize(GET)).isEqualTo(Decision.deny("first\nsecond"));
  }

  @Test
  void laterDecisionWinsOverAnEarlierError() throws Exception {
    AuthorizerChain chain = AuthorizerChain.of(failing("a"), answering("b", Decision.allow("ok")));

    assertThat(chain.authorize(GET)).isEqualTo(Decision.allow("ok"));
  }

  @Test
  void errorsWithoutADecisionAreErrorsNotDenials() {
    AuthorizerChain chain =
        AuthorizerChain.of(answering("a", Decision.noOpinion("")), failing("b"));

    assertThatThrownBy(() -> chain.authorize(GET))
        .isInstanceOf(AuthorizationException.class)
        .hasMessage("b unreachable");
  }

  @Test
  void delegatingChainShortCircuitsMastersAndHealthBeforeTheReview() throws Exception {
    AuthorizerChain chain = AuthorizerChain.delegating(failing("sar"));

    assertThat(chain.authorize(tcp(UserInfo.of("root", "system:masters"), "get", "ns", "t", "")))
        .isEqualTo(Decision.allow(""));
    assertThat(
            chain.authorize(
                AuthorizationAttributes.nonResource(UserInfo.anonymous(), "get", "/livez")))
        .isEqualTo(Decision.allow(""));
    assertThat(calls).isEmpty();
    assertThatThrownBy(() -> chain.authorize(GET)).hasMessage("sar unreachable");
  }
}
