package dev.controlplanes.kamaji.apiserver.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopbackTokenAuthenticatorTest {

  private static final UserInfo REVIEWED = UserInfo.of("alice", "dev");

  private final LoopbackTokenAuthenticator loopback =
      LoopbackTokenAuthenticator.generate(
          Optional.of(
              token -> token.equals("alice-token") ? Optional.of(REVIEWED) : Optional.empty()));

  @Test
  void theLoopbackTokenIsTheServerItselfInSystemMasters() throws Exception {
    UserInfo user = loopback.authenticateToken(loopback.token()).orElseThrow();

    assertThat(user.name()).isEqualTo("system:apiserver");
    assertThat(user.groups()).containsExactly(UserInfo.SYSTEM_MASTERS);
  }

  @Test
  void everyOtherTokenGoesToTheNextAuthenticator() throws Exception {
    assertThat(loopback.authenticateToken("alice-token")).contains(REVIEWED);
    assertThat(loopback.authenticateToken("nobody")).isEmpty();
    assertThat(loopback.authenticateToken(loopback.token() + "x")).isEmpty();
    assertThat(loopback.authenticateToken("")).isEmpty();
  }

  @Test
  void eachServerDrawsItsOwnTokenAndNeverPrintsIt() {
    LoopbackTokenAuthenticator other = LoopbackTokenAuthenticator.generate(Optional.empty());

    assertThat(other.token()).isNotEqualTo(loopback.token()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(loopback.toString()).doesNotContain(loopback.token());
  }
}
