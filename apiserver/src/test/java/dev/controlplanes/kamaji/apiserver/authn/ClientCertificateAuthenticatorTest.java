package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.CLIENT_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CLIENT;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.headers;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.tls.IssuedCertificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientCertificateAuthenticatorTest {

  private final ClientCertificateAuthenticator authenticator =
      new ClientCertificateAuthenticator(List.of(CLIENT_CA.certificate()));

  @Test
  void commonNameIsTheUserAndOrganizationsAreGroups() throws Exception {
    IssuedCertificate admin = CLIENT_CA.issueClient("kubernetes-admin", "system:masters", "ops");

    UserInfo user = authenticator.authenticate(request(headers(), admin)).orElseThrow();

    assertThat(user).isEqualTo(UserInfo.of("kubernetes-admin", "system:masters", "ops"));
  }

  @Test
  void organizationValuesAreTakenVerbatim() throws Exception {
    IssuedCertificate odd = CLIENT_CA.issueClient("odd", "a,b", "c+d");

    assertThat(authenticator.authenticate(request(headers(), odd)).orElseThrow().groups())
        .containsExactly("a,b", "c+d");
  }

  @Test
  void noCertificateDoesNotApply() throws Exception {
    assertThat(authenticator.authenticate(request(headers(), (IssuedCertificate) null))).isEmpty();
  }

  @Test
  void certificateFromAnotherCaIsAnErrorNamingTheCertificateNotItsContent() {
    String serial = FRONT_PROXY_CLIENT.certificate().getSerialNumber().toString();

    assertThatThrownBy(() -> authenticator.authenticate(request(headers(), FRONT_PROXY_CLIENT)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("verifying certificate SN=" + serial + ", SKID=")
        .hasMessageContaining(", AKID=")
        .hasMessageEndingWith(" failed: x509: certificate signed by unknown authority");
  }

  @Test
  void emptyCommonNameDoesNotApply() throws Exception {
    IssuedCertificate nameless = CLIENT_CA.issueClient("", "group");

    assertThat(authenticator.authenticate(request(headers(), nameless))).isEmpty();
  }
}
