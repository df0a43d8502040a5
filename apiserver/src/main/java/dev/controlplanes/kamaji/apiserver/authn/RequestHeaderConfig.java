package dev.controlplanes.kamaji.apiserver.authn;

import io.netty.handler.codec.http.HttpHeaders;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The front-proxy (request-header) settings: whom to trust and which headers carry the identity.
 * Immutable; one instance is one consistent snapshot of the {@code requestheader-*} settings.
 *
 * @param clientCa the front-proxy CA bundle ({@code requestheader-client-ca-file}), never empty
 * @param allowedNames accepted subject CNs of the proxy certificate; empty accepts any CN signed by
 *     {@code clientCa}
 * @param usernameHeaders checked in order; the first non-empty value is the user name
 * @param uidHeaders checked in order; the first non-empty value is the UID (often empty)
 * @param groupHeaders every value of every line of these headers is a group
 * @param extraHeaderPrefixes headers starting with one of these carry extra attributes
 */
public record RequestHeaderConfig(
    List<X509Certificate> clientCa,
    List<String> allowedNames,
    List<String> usernameHeaders,
    List<String> uidHeaders,
    List<String> groupHeaders,
    List<String> extraHeaderPrefixes) {

  /** Defaults of the Go library's {@code --requestheader-*} flags. */
  public static final List<String> DEFAULT_USERNAME_HEADERS = List.of("X-Remote-User");

  public static final List<String> DEFAULT_GROUP_HEADERS = List.of("X-Remote-Group");
  public static final List<String> DEFAULT_EXTRA_HEADER_PREFIXES = List.of("X-Remote-Extra-");

  /** Sent by kube-apiserver only when it runs with {@code --requestheader-uid-headers}. */
  public static final String UID_HEADER = "X-Remote-Uid";

  public RequestHeaderConfig {
    clientCa = List.copyOf(clientCa);
    if (clientCa.isEmpty()) {
      throw new IllegalArgumentException("requestheader client CA bundle is empty");
    }
    allowedNames = List.copyOf(allowedNames);
    usernameHeaders = trimHeaders("requestheader-username-headers", usernameHeaders);
    uidHeaders = trimHeaders("requestheader-uid-headers", uidHeaders);
    groupHeaders = trimHeaders("requestheader-group-headers", groupHeaders);
    extraHeaderPrefixes = trimHeaders("requestheader-extra-headers-prefix", extraHeaderPrefixes);
  }

  /**
   * The CA and allowed names with the header names kube-apiserver uses (as set up by kubeadm and
   * kind), including {@code X-Remote-Uid}.
   */
  public static RequestHeaderConfig standard(
      List<X509Certificate> clientCa, List<String> allowedNames) {
    return new RequestHeaderConfig(
        clientCa,
        allowedNames,
        DEFAULT_USERNAME_HEADERS,
        List.of(UID_HEADER),
        DEFAULT_GROUP_HEADERS,
        DEFAULT_EXTRA_HEADER_PREFIXES);
  }

  /**
   * Removes every header this configuration reads identity from, as k8s.io/apiserver does after
   * authentication, so that later code never mistakes them for trusted data.
   */
  public void removeIdentityHeaders(HttpHeaders headers) {
    usernameHeaders.forEach(headers::remove);
    uidHeaders.forEach(headers::remove);
    groupHeaders.forEach(headers::remove);
    List<String> extra = new ArrayList<>();
    for (String name : headers.names()) {
      if (RequestHeaderAuthenticator.hasPrefixIgnoreCase(name, extraHeaderPrefixes)) {
        extra.add(name);
      }
    }
    extra.forEach(headers::remove);
  }

  private static List<String> trimHeaders(String setting, List<String> names) {
    List<String> trimmed = new ArrayList<>();
    for (String name : Objects.requireNonNull(names, setting)) {
      String value = name.strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException(setting + ": empty header name");
      }
      trimmed.add(value);
    }
    return List.copyOf(trimmed);
  }
}
