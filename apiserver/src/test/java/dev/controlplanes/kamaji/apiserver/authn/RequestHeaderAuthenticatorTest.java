package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.FRONT_PROXY_CLIENT;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.UNTRUSTED_CA;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.headers;
import static dev.controlplanes.kamaji.apiserver.authn.TestPki.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import dev.controlplanes.kamaji.apiserver.tls.CertificateTemplate;
import dev.controlplanes.kamaji.apiserver.tls.IssuedCertificate;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeaderAuthenticatorTest {

  private static final RequestHeaderConfig CONFIG =
      RequestHeaderConfig.standard(
          List.of(FRONT_PROXY_CA.certificate()), List.of("front-proxy-client"));

  private final RequestHeaderAuthenticator authenticator = new RequestHeaderAuthenticator(CONFIG);

  @Test
  void readsUserUidGroupsAndExtraAsKubeApiserverSendsThem() throws Exception {
    HttpHeaders headers =
        headers(
            "X-Remote-User", "system:serviceaccount:ns:sa",
            "X-Remote-Uid", "0f3c",
            "X-Remote-Group", "system:serviceaccounts",
            "X-Remote-Group", "system:serviceaccounts:ns",
            "X-Remote-Group", "system:authenticated",
            "X-Remote-Extra-Authentication.kubernetes.io%2fpod-Name", "pod-1",
            "X-Remote-Extra-Scopes", "a",
            "X-Remote-Extra-Scopes", "b");

    UserInfo user = authenticator.authenticate(request(headers, FRONT_PROXY_CLIENT)).orElseThrow();

    assertThat(user.name()).isEqualTo("system:serviceaccount:ns:sa");
    assertThat(user.uid()).isEqualTo("0f3c");
    assertThat(user.groups())
        .containsExactly(
            "system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated");
    assertThat(user.extra())
        .containsExactly(
            Map.entry("authentication.kubernetes.io/pod-name", List.of("pod-1")),
            Map.entry("scopes", List.of("a", "b")));
  }

  @Test
  void headerNamesAreCaseInsensitiveAsWithHttp2() throws Exception {
    HttpHeaders headers =
        headers(
            "x-remote-user", "alice",
            "x-remote-group", "dev",
            "x-remote-extra-authentication.kubernetes.io%2fcredential-id", "X509SHA256=ab");

    UserInfo user = authenticator.authenticate(request(headers, FRONT_PROXY_CLIENT)).orElseThrow();

    assertThat(user.name()).isEqualTo("alice");
    assertThat(user.groups()).containsExactly("dev");
    assertThat(user.extra())
        .containsEntry("authentication.kubernetes.io/credential-id", List.of("X509SHA256=ab"));
  }

  @Test
  void extraKeysArePercentDecodedAfterLowerCasing() {
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("Example.com%2FFoo%20Bar"))
        .isEqualTo("example.com/foo bar");
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("a%25b")).isEqualTo("a%b");
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("%E2%9C%93")).isEqualTo("\u2713");
    // Path unescaping, not form decoding: '+' stays.
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("a+b")).isEqualTo("a+b");
  }

  @Test
  void malformedEscapesKeepTheLowerCasedKey() {
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("Bad%zzKey")).isEqualTo("bad%zzkey");
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("trailing%2")).isEqualTo("trailing%2");
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("Trailing%")).isEqualTo("trailing%");
    assertThat(RequestHeaderAuthenticator.unescapeExtraKey("%ff")).isEqualTo("%ff");
  }

  @Test
  void emptyGroupValuesAreSkippedButEmptyExtraValuesKept() throws Exception {
    HttpHeaders headers =
        headers(
            "X-Remote-User", "alice",
            "X-Remote-Group", "",
            "X-Remote-Group", "dev",
            "X-Remote-Extra-Note", "");

    UserInfo user = authenticator.authenticate(request(headers, FRONT_PROXY_CLIENT)).orElseThrow();

    assertThat(user.groups()).containsExactly("dev");
    assertThat(user.extra()).containsEntry("note", List.of(""));
  }

  @Test
  void firstConfiguredUsernameHeaderWithAValueWins() throws Exception {
    RequestHeaderConfig twoHeaders =
        new RequestHeaderConfig(
            CONFIG.clientCa(),
            List.of(),
            List.of("X-Primary-User", "X-Remote-User"),
            List.of(),
            List.of("X-Remote-Group"),
            List.of("X-Remote-Extra-"));
    HttpHeaders headers = headers("X-Primary-User", "", "X-Remote-User", "bob");

    UserInfo user =
        new RequestHeaderAuthenticator(twoHeaders)
            .authenticate(request(headers, FRONT_PROXY_CLIENT))
            .orElseThrow();

    assertThat(user.name()).isEqualTo("bob");
    assertThat(user.uid()).isEmpty();
  }

  @Test
  void uidHeaderIsIgnoredUnlessConfigured() throws Exception {
    RequestHeaderConfig withoutUid =
        new RequestHeaderConfig(
            CONFIG.clientCa(),
            List.of(),
            RequestHeaderConfig.DEFAULT_USERNAME_HEADERS,
            List.of(),
            RequestHeaderConfig.DEFAULT_GROUP_HEADERS,
            RequestHeaderConfig.DEFAULT_EXTRA_HEADER_PREFIXES);
    HttpHeaders headers = headers("X-Remote-User", "alice", "X-Remote-Uid", "u-1");

    UserInfo user =
        new RequestHeaderAuthenticator(withoutUid)
            .authenticate(request(headers, FRONT_PROXY_CLIENT))
            .orElseThrow();

    assertThat(user.uid()).isEmpty();
  }

  @Test
  void identityHeadersAreRemovedAfterAuthentication() throws Exception {
    HttpHeaders headers =
        headers(
            "X-Remote-User", "alice",
            "X-Remote-Group", "dev",
            "X-Remote-Extra-Foo", "bar",
            "Audit-ID", "42");

    authenticator.authenticate(request(headers, FRONT_PROXY_CLIENT)).orElseThrow();

    assertThat(headers.names()).containsExactly("Audit-ID");
  }

  @Test
  void verifiedProxyWithoutUserHeaderDoesNotApply() throws Exception {
    HttpHeaders headers = headers("X-Remote-Group", "system:masters");

    assertThat(authenticator.authenticate(request(headers, FRONT_PROXY_CLIENT))).isEmpty();
  }

  // Proxy certificate checks: a request trying to impersonate "admin".

  private final HttpHeaders impersonation = headers("X-Remote-User", "admin");

  @Test
  void headersWithoutAClientCertificateAreIgnored() throws Exception {
    assertThat(authenticator.authenticate(request(impersonation, (IssuedCertificate) null)))
        .isEmpty();
    assertThat(impersonation.get("X-Remote-User")).isEqualTo("admin");
  }

  @Test
  void certificateFromAnotherCaIsAnErrorNotAFallback() {
    IssuedCertificate forged = UNTRUSTED_CA.issueClient("front-proxy-client");

    assertThatThrownBy(() -> authenticator.authenticate(request(impersonation, forged)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("x509: certificate signed by unknown authority");
  }

  @Test
  void commonNameOutsideTheAllowedListIsAnError() {
    IssuedCertificate other = FRONT_PROXY_CA.issueClient("aggregator");

    assertThatThrownBy(() -> authenticator.authenticate(request(impersonation, other)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage(
            "x509: subject with cn=aggregator is not in the allowed list: [front-proxy-client]");
  }

  @Test
  void emptyAllowedListAcceptsAnyCommonNameFromTheCa() throws Exception {
    RequestHeaderAuthenticator anyName =
        new RequestHeaderAuthenticator(
            RequestHeaderConfig.standard(List.of(FRONT_PROXY_CA.certificate()), List.of()));
    IssuedCertificate other = FRONT_PROXY_CA.issueClient("aggregator");

    assertThat(anyName.authenticate(request(impersonation, other)).orElseThrow().name())
        .isEqualTo("admin");
  }

  @Test
  void serverOnlyCertificateIsRejectedForClientAuth() {
    IssuedCertificate serverOnly =
        FRONT_PROXY_CA.issue(
            CertificateTemplate.client("front-proxy-client")
                .withUsages(CertificateTemplate.Usage.SERVER_AUTH));

    assertThatThrownBy(() -> authenticator.authenticate(request(impersonation, serverOnly)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("x509: certificate specifies an incompatible key usage");
  }

  @Test
  void certificateWithoutExtendedKeyUsageIsAccepted() throws Exception {
    IssuedCertificate anyUsage =
        FRONT_PROXY_CA.issue(CertificateTemplate.client("front-proxy-client").withUsages());

    assertThat(authenticator.authenticate(request(impersonation, anyUsage))).isPresent();
  }

  @Test
  void expiredCertificateIsAnError() {
    Instant now = Instant.now();
    IssuedCertificate expired =
        FRONT_PROXY_CA.issue(
            CertificateTemplate.client("front-proxy-client")
                .withValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));

    assertThatThrownBy(() -> authenticator.authenticate(request(impersonation, expired)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("x509: certificate has expired or is not yet valid");
  }

  @Test
  void validityIsCheckedAgainstTheInjectedClock() {
    MutableClock clock = MutableClock.now();
    clock.advance(Duration.ofDays(2));
    RequestHeaderAuthenticator later = new RequestHeaderAuthenticator(CONFIG, clock);

    assertThatThrownBy(() -> later.authenticate(request(impersonation, FRONT_PROXY_CLIENT)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("is after");
  }

  @Test
  void presentedIntermediatesAreUsedToReachTheCa() throws Exception {
    CertificateAuthority intermediate = FRONT_PROXY_CA.issueIntermediate("front-proxy-int");
    IssuedCertificate leaf = intermediate.issueClient("front-proxy-client");

    assertThat(authenticator.authenticate(request(impersonation, leaf))).isPresent();
    assertThatThrownBy(
            () -> authenticator.authenticate(request(impersonation, List.of(leaf.certificate()))))
        .hasMessage("x509: certificate signed by unknown authority");
  }

  @Test
  void aCachedVerificationEndsWhenTheCertificateExpires() throws Exception {
    MutableClock clock = MutableClock.now();
    RequestHeaderAuthenticator cached = new RequestHeaderAuthenticator(CONFIG, clock);
    Instant notAfter = clock.instant().plus(Duration.ofMinutes(5));
    IssuedCertificate shortLived =
        FRONT_PROXY_CA.issue(
            CertificateTemplate.client("front-proxy-client")
                .withValidity(clock.instant().minus(Duration.ofMinutes(1)), notAfter));

    assertThat(cached.authenticate(request(headers("X-Remote-User", "admin"), shortLived)))
        .isPresent();
    assertThat(cached.authenticate(request(headers("X-Remote-User", "admin"), shortLived)))
        .isPresent();
    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(
            () -> cached.authenticate(request(headers("X-Remote-User", "admin"), shortLived)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("is after");
  }

  @Test
  void aRejectionIsRemembered() throws Exception {
    Instant now = Instant.now();
    MutableClock clock = new MutableClock(now);
    RequestHeaderAuthenticator remembering = new RequestHeaderAuthenticator(CONFIG, clock);
    IssuedCertificate expired =
        FRONT_PROXY_CA.issue(
            CertificateTemplate.client("front-proxy-client")
                .withValidity(now.minus(Duration.ofMinutes(2)), now.minus(Duration.ofMinutes(1))));
    HttpHeaders user = headers("X-Remote-User", "admin");
    assertThatThrownBy(() -> remembering.authenticate(request(user, expired)))
        .hasMessageContaining("is after");

    // Time does not run backwards; turning the clock back here shows that the second answer is
    // the remembered rejection, where a new verification (a fresh authenticator) accepts.
    clock.advance(Duration.ofSeconds(-90));

    assertThatThrownBy(() -> remembering.authenticate(request(user, expired)))
        .hasMessageContaining("is after");
    assertThat(new RequestHeaderAuthenticator(CONFIG, clock).authenticate(request(user, expired)))
        .isPresent();
  }

  @Test
  void aNotYetValidRejectionIsNotRemembered() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(3)));
    RequestHeaderAuthenticator early = new RequestHeaderAuthenticator(CONFIG, clock);

    assertThatThrownBy(
            () ->
                early.authenticate(request(headers("X-Remote-User", "admin"), FRONT_PROXY_CLIENT)))
        .hasMessageContaining("is before");
    clock.advance(Duration.ofDays(3));

    assertThat(early.authenticate(request(headers("X-Remote-User", "admin"), FRONT_PROXY_CLIENT)))
        .isPresent();
  }
}
