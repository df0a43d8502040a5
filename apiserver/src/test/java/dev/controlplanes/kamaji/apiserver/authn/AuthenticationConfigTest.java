package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.CLIENT_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationConfigTest {

  @Test
  void fromPemUsesKubeApiserverHeaderNames() {
    AuthenticationConfig config =
        AuthenticationConfig.fromPem(null, FRONT_PROXY_CA.certificatePem(), List.of());

    assertThat(config.clientCa()).isEmpty();
    RequestHeaderConfig requestHeader = config.requestHeader().orElseThrow();
    assertThat(requestHeader.usernameHeaders()).containsExactly("X-Remote-User");
    assertThat(requestHeader.uidHeaders()).containsExactly("X-Remote-Uid");
    assertThat(requestHeader.groupHeaders()).containsExactly("X-Remote-Group");
    assertThat(requestHeader.extraHeaderPrefixes()).containsExactly("X-Remote-Extra-");
  }

  @Test
  void invalidPemIsAConfigError() {
    assertThatThrownBy(() -> AuthenticationConfig.fromPem("", "nope", List.of()))
        .isInstanceOf(AuthenticationConfigException.class)
        .hasMessageStartingWith("invalid requestheader CA");
  }

  @Test
  void issuersForTheTlsHintAreBothCasWithoutDuplicates() {
    AuthenticationConfig config =
        AuthenticationConfig.fromPem(
            CLIENT_CA.certificatePem(), FRONT_PROXY_CA.certificatePem(), List.of());

    assertThat(config.clientCertificateIssuers())
        .containsExactly(CLIENT_CA.certificate(), FRONT_PROXY_CA.certificate());
  }

  @Test
  void describeNamesSubjectsButNeverCertificateContent() {
    AuthenticationConfig config =
        AuthenticationConfig.fromPem(
            CLIENT_CA.certificatePem(),
            FRONT_PROXY_CA.certificatePem(),
            List.of("front-proxy-client"));

    assertThat(config.describe())
        .contains(
            "CN=kubernetes-ca", "CN=front-proxy-ca", "[front-proxy-client]", "[X-Remote-User]")
        .doesNotContain("BEGIN", "MII");
  }

  @Test
  void emptyHeaderNamesAreRejected() {
    assertThatThrownBy(
            () ->
                new RequestHeaderConfig(
                    List.of(FRONT_PROXY_CA.certificate()),
                    List.of(),
                    List.of(" "),
                    List.of(),
                    List.of(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestheader-username-headers: empty header name");
  }
}
