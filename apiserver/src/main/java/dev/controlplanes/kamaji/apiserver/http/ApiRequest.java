package dev.controlplanes.kamaji.apiserver.http;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import dev.controlplanes.kamaji.apiserver.request.RequestInfo;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One decoded HTTP request: method, path, form-decoded query, headers, the whole body, the client
 * certificate chain presented over TLS and, once authenticated, the user (null before). The user is
 * kept because authentication consumes the front-proxy headers, so it cannot be repeated.
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    HttpHeaders headers,
    byte[] body,
    List<X509Certificate> peerCertificates,
    RequestInfo info,
    UserInfo user) {

  /** This request as made by an authenticated user. */
  public ApiRequest withUser(UserInfo authenticated) {
    return new ApiRequest(
        method, path, query, headers, body, peerCertificates, info, authenticated);
  }

  /**
   * This request with headers of its own: authenticators remove the credentials they used from the
   * headers, so an attempt that may be abandoned (and the request served again) works on a copy.
   */
  public ApiRequest withCopiedHeaders() {
    return new ApiRequest(method, path, query, headers.copy(), body, peerCertificates, info, user);
  }

  /** The first value of a query parameter, or null. */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean hasParam(String name) {
    return query.containsKey(name);
  }

  public String header(String name) {
    return headers.get(name);
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
