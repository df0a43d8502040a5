package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.CLIENT_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CLIENT;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.UNTRUSTED_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.headers;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import dev.controlplanes.kamaji.apiserver.tls.IssuedCertificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DelegatingAuthenticatorTest {

  private static final AuthenticationConfig CONFIG =
      AuthenticationConfig.fromPem(
          CLIENT_CA.certificatePem(),
          FRONT_PROXY_CA.certificatePem(),
          List.of("front-proxy-client"));

  private static final TokenAuthenticator TOKENS =
      token ->
          "sa-token".equals(token)
              ? Optional.of(UserInfo.of("system:serviceaccount:ns:sa"))
              : Optional.empty();

  private final AtomicReference<AuthenticationConfig> current = new AtomicReference<>(CONFIG);
  private final DelegatingAuthenticator authenticator =
      DelegatingAuthenticator.create(current::get, Optional.of(TOKENS));

  @Test
  void frontProxyHeadersComeFirstAndGetSystemAuthenticated() throws Exception {
    UserInfo user =
        authenticator
            .authenticate(
                request(
                    headers("X-Remote-User", "alice", "X-Remote-Group", "dev"), FRONT_PROXY_CLIENT))
            .orElseThrow();

    assertThat(user).isEqualTo(UserInfo.of("alice", "dev", UserInfo.ALL_AUTHENTICATED));
  }

  @Test
  void aggregatorIdentityWithoutGroupsGetsSystemAuthenticated() throws Exception {
    UserInfo user =
        authenticator
            .authenticate(
                request(headers("X-Remote-User", "system:kube-aggregator"), FRONT_PROXY_CLIENT))
            .orElseThrow();

    assertThat(user.groups()).containsExactly(UserInfo.ALL_AUTHENTICATED);
  }

  @Test
  void clientCertificateUserWhenNotAFrontProxy() throws Exception {
    IssuedCertificate admin = CLIENT_CA.issueClient("kubernetes-admin", "system:masters");

    UserInfo user = authenticator.authenticate(request(headers(), admin)).orElseThrow();

    assertThat(user)
        .isEqualTo(UserInfo.of("kubernetes-admin", "system:masters", UserInfo.ALL_AUTHENTICATED));
  }

  @Test
  void clientCertificateCannotImpersonateThroughHeaders() throws Exception {
    IssuedCertificate bob = CLIENT_CA.issueClient("bob");

    UserInfo user =
        authenticator
            .authenticate(
                request(headers("X-Remote-User", "admin", "X-Remote-Group", "system:masters"), bob))
            .orElseThrow();

    assertThat(user).isEqualTo(UserInfo.of("bob", UserInfo.ALL_AUTHENTICATED));
  }

  @Test
  void frontProxyWithoutUserHeaderIsUnauthorized() {
    // The request-header authenticator does not apply; the client-CA check then fails.
    assertThatThrownBy(() -> authenticator.authenticate(request(headers(), FRONT_PROXY_CLIENT)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("certificate signed by unknown authority");
  }

  @Test
  void unknownCertificateWithAValidTokenAuthenticatesByToken() throws Exception {
    IssuedCertificate stranger = UNTRUSTED_CA.issueClient("stranger");

    UserInfo user =
        authenticator
            .authenticate(request(headers("Authorization", "Bearer sa-token"), stranger))
            .orElseThrow();

    assertThat(user.name()).isEqualTo("system:serviceaccount:ns:sa");
  }

  @Test
  void unknownCertificateAloneIsUnauthorizedWithBothReasons() {
    IssuedCertificate stranger = UNTRUSTED_CA.issueClient("stranger");

    assertThatThrownBy(() -> authenticator.authenticate(request(headers(), stranger)))
        .hasMessageStartingWith(
            "[x509: certificate signed by unknown authority, verifying certificate SN=");
  }

  @Test
  void noCredentialsIsEmptyAndLeftToTheCaller() throws Exception {
    assertThat(authenticator.authenticate(request(headers(), (IssuedCertificate) null))).isEmpty();
  }

  @Test
  void withoutTokenReviewBearerTokensAreIgnored() throws Exception {
    DelegatingAuthenticator certificatesOnly =
        DelegatingAuthenticator.create(() -> CONFIG, Optional.empty());

    assertThat(
            certificatesOnly.authenticate(
                request(headers("Authorization", "Bearer sa-token"), (IssuedCertificate) null)))
        .isEmpty();
  }

  @Test
  void eachRequestUsesTheCurrentSnapshot() throws Exception {
    CertificateAuthority rotatedCa = CertificateAuthority.create("front-proxy-ca-2");
    IssuedCertificate rotatedProxy = rotatedCa.issueClient("front-proxy-client");
    current.set(
        AuthenticationConfig.fromPem(
            CLIENT_CA.certificatePem(), rotatedCa.certificatePem(), List.of("front-proxy-client")));

    assertThat(authenticator.authenticate(request(headers("X-Remote-User", "alice"), rotatedProxy)))
        .isPresent();
    assertThatThrownBy(
            () ->
                authenticator.authenticate(
                    request(headers("X-Remote-User", "alice"), FRONT_PROXY_CLIENT)))
        .isInstanceOf(AuthenticationException.class);
  }
}
