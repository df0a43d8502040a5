package dev.controlplanes.kamaji.apiserver.authn;

import static dev.controlplanes.kamaji.apiserver.authn.TestPki.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {

  private final List<String> reviewed = new ArrayList<>();

  /** Accepts "good", rejects everything else. */
  private final TokenAuthenticator tokens =
      token -> {
        reviewed.add(token);
        return "good".equals(token) ? Optional.of(UserInfo.of("alice")) : Optional.empty();
      };

  private final BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens);
  private final WebSocketProtocolAuthenticator webSocket =
      new WebSocketProtocolAuthenticator(tokens);

  private static AuthenticationRequest request(HttpHeaders headers) {
    return new AuthenticationRequest(headers, List.of());
  }

  @Test
  void validTokenAuthenticatesAndTheHeaderIsRemoved() throws Exception {
    HttpHeaders headers = headers("Authorization", "Bearer good");

    assertThat(bearer.authenticate(request(headers))).contains(UserInfo.of("alice"));
    assertThat(headers.contains("Authorization")).isFalse();
  }

  @Test
  void schemeIsCaseInsensitive() throws Exception {
    assertThat(bearer.authenticate(request(headers("Authorization", "bearer good")))).isPresent();
  }

  @Test
  void rejectedTokenIsAnErrorNotAnonymous() {
    HttpHeaders headers = headers("Authorization", "Bearer bad");

    assertThatThrownBy(() -> bearer.authenticate(request(headers)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("invalid bearer token");
    assertThat(headers.contains("Authorization")).isTrue();
  }

  @Test
  void otherSchemesAndEmptyTokensDoNotApply() throws Exception {
    assertThat(bearer.authenticate(request(headers()))).isEmpty();
    assertThat(bearer.authenticate(request(headers("Authorization", "Basic YTpi")))).isEmpty();
    assertThat(bearer.authenticate(request(headers("Authorization", "Bearer")))).isEmpty();
    assertThat(bearer.authenticate(request(headers("Authorization", "Bearer  good")))).isEmpty();
    assertThat(reviewed).isEmpty();
  }

  @Test
  void webSocketProtocolTokenAuthenticatesAndIsRemovedFromTheProtocols() throws Exception {
    HttpHeaders headers = webSocketHeaders("v4.channel.k8s.io, " + protocolFor("good"));

    assertThat(webSocket.authenticate(request(headers))).contains(UserInfo.of("alice"));
    assertThat(headers.get("Sec-WebSocket-Protocol")).isEqualTo("v4.channel.k8s.io");
  }

  @Test
  void webSocketProtocolNeedsAnUpgradeRequest() throws Exception {
    HttpHeaders headers =
        headers("Sec-WebSocket-Protocol", "v4.channel.k8s.io," + protocolFor("good"));

    assertThat(webSocket.authenticate(request(headers))).isEmpty();
  }

  @Test
  void webSocketProtocolErrorsFollowGo() {
    assertThatThrownBy(() -> webSocket.authenticate(request(webSocketHeaders(protocolFor("good")))))
        .hasMessage("missing additional subprotocol");
    assertThatThrownBy(
            () ->
                webSocket.authenticate(
                    request(
                        webSocketHeaders(
                            "v4.channel.k8s.io," + protocolFor("good") + "," + protocolFor("x")))))
        .hasMessage("multiple base64.bearer.authorization tokens specified");
    assertThatThrownBy(
            () ->
                webSocket.authenticate(
                    request(webSocketHeaders("a," + protocolFor("good") + "=="))))
        .hasMessage("invalid base64.bearer.authorization token encoding");
    assertThatThrownBy(
            () -> webSocket.authenticate(request(webSocketHeaders("a," + protocolFor("bad")))))
        .hasMessage("invalid bearer token");
  }

  private static HttpHeaders webSocketHeaders(String protocols) {
    return headers(
        "Connection", "keep-alive, Upgrade",
        "Upgrade", "websocket",
        "Sec-WebSocket-Protocol", protocols);
  }

  private static String protocolFor(String token) {
    return WebSocketProtocolAuthenticator.BEARER_PROTOCOL_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }
}
