package dev.controlplanes.kamaji.apiserver.authn;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token carried in the WebSocket sub-protocol {@code
 * base64url.bearer.authorization.k8s.io.<unpadded base64url token>} (k8s.io/apiserver {@code
 * websocket.ProtocolAuthenticator}), used by browsers that cannot set {@code Authorization}. Only
 * WebSocket upgrade requests qualify. On success the token protocol is removed from the header.
 */
public final class WebSocketProtocolAuthenticator implements Authenticator {

  static final String BEARER_PROTOCOL_PREFIX = "base64url.bearer.authorization.k8s.io.";

  private final TokenAuthenticator tokens;

  public WebSocketProtocolAuthenticator(TokenAuthenticator tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request)
      throws AuthenticationException {
    HttpHeaders headers = request.headers();
    if (!isWebSocketRequest(headers)) {
      return Optional.empty();
    }
    String token = null;
    List<String> otherProtocols = new ArrayList<>();
    for (String line : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
      for (String protocol : line.split(",", -1)) {
        protocol = protocol.strip();
        if (!protocol.startsWith(BEARER_PROTOCOL_PREFIX)) {
          otherProtocols.add(protocol);
          continue;
        }
        if (token != null) {
          throw new AuthenticationException(
              "multiple base64.bearer.authorization tokens specified");
        }
        token = decode(protocol.substring(BEARER_PROTOCOL_PREFIX.length()));
      }
    }
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    // The server must echo one sub-protocol back, and it cannot be the one holding the token.
    if (otherProtocols.isEmpty()) {
      throw new AuthenticationException("missing additional subprotocol");
    }
    Optional<UserInfo> user = tokens.authenticateToken(token);
    if (user.isEmpty()) {
      throw new AuthenticationException("invalid bearer token");
    }
    headers.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(",", otherProtocols));
    return user;
  }

  private static boolean isWebSocketRequest(HttpHeaders headers) {
    if (!"websocket".equalsIgnoreCase(headers.get(HttpHeaderNames.UPGRADE))) {
      return false;
    }
    for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
      if (connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
        return true;
      }
    }
    return false;
  }

  /** Go uses unpadded base64url and requires UTF-8; Java's decoder would also accept padding. */
  private static String decode(String encoded) throws AuthenticationException {
    byte[] bytes;
    try {
      if (encoded.indexOf('=') >= 0) {
        throw new IllegalArgumentException("padding");
      }
      bytes = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("invalid base64.bearer.authorization token encoding");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new AuthenticationException("invalid base64.bearer.authorization token");
    }
  }
}
