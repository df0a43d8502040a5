package dev.controlplanes.kamaji.apiserver.http;

import dev.controlplanes.kamaji.apiserver.request.RequestInfo;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * One decoded HTTP request: method, path, form-decoded query, headers, the whole body and the
 * client certificate chain presented over TLS.
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    HttpHeaders headers,
    byte[] body,
    List<X509Certificate> peerCertificates,
    RequestInfo info) {

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
