package dev.controlplanes.kamaji.apiserver.authn;

import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable snapshot of everything certificate-based authentication needs. A reload builds a
 * new snapshot and swaps it in whole, so one request never sees half of an old and half of a new
 * configuration.
 *
 * @param clientCa the cluster client CA bundle ({@code client-ca-file}); empty disables
 *     client-certificate authentication
 * @param requestHeader the front-proxy settings; empty disables front-proxy authentication, which
 *     leaves every proxied request unauthenticated
 */
public record AuthenticationConfig(
    List<X509Certificate> clientCa, Optional<RequestHeaderConfig> requestHeader) {

  public AuthenticationConfig {
    clientCa = List.copyOf(clientCa);
    Objects.requireNonNull(requestHeader, "requestHeader");
    if (requestHeader.isPresent()) {
      rejectImpersonationByAnyClient(clientCa, requestHeader.get());
    }
  }

  public static AuthenticationConfig of(
      List<X509Certificate> clientCa, RequestHeaderConfig requestHeader) {
    return new AuthenticationConfig(clientCa, Optional.of(requestHeader));
  }

  /**
   * A configuration from PEM strings only, with kube-apiserver's standard header names: for local
   * runs and tests without a cluster.
   *
   * @param clientCaPem the client CA bundle, or null/empty for none
   * @param requestHeaderCaPem the front-proxy CA bundle
   * @param allowedNames accepted CNs of the front-proxy certificate (empty: any)
   */
  public static AuthenticationConfig fromPem(
      String clientCaPem, String requestHeaderCaPem, List<String> allowedNames) {
    List<X509Certificate> clientCa =
        clientCaPem == null || clientCaPem.isBlank() ? List.of() : parse(clientCaPem, "client CA");
    return of(
        clientCa,
        RequestHeaderConfig.standard(parse(requestHeaderCaPem, "requestheader CA"), allowedNames));
  }

  /**
   * Every CA that client certificates may chain to (client CA, then front-proxy CA), for the TLS
   * layer's certificate-request hint. Verification itself happens in the authenticators.
   */
  public List<X509Certificate> clientCertificateIssuers() {
    List<X509Certificate> issuers = new ArrayList<>(clientCa);
    requestHeader.ifPresent(
        config ->
            config.clientCa().stream().filter(ca -> !issuers.contains(ca)).forEach(issuers::add));
    return List.copyOf(issuers);
  }

  /** A one-line summary for logs: CA subjects and header names, never certificate contents. */
  public String describe() {
    StringBuilder out = new StringBuilder("client-ca=").append(subjects(clientCa));
    requestHeader.ifPresentOrElse(
        config ->
            out.append(", requestheader-client-ca=")
                .append(subjects(config.clientCa()))
                .append(", allowed-names=")
                .append(config.allowedNames())
                .append(", username-headers=")
                .append(config.usernameHeaders())
                .append(", uid-headers=")
                .append(config.uidHeaders())
                .append(", group-headers=")
                .append(config.groupHeaders())
                .append(", extra-headers-prefix=")
                .append(config.extraHeaderPrefixes()),
        () -> out.append(", requestheader=disabled"));
    return out.toString();
  }

  /**
   * With one CA for both roles and no allowed names, every client certificate could set {@code
   * X-Remote-User} and impersonate anyone (kubernetes/website#12890), so that combination is
   * refused.
   */
  private static void rejectImpersonationByAnyClient(
      List<X509Certificate> clientCa, RequestHeaderConfig requestHeader) {
    if (requestHeader.allowedNames().isEmpty()
        && !Collections.disjoint(clientCa, requestHeader.clientCa())) {
      throw new AuthenticationConfigException(
          "requestheader-allowed-names must not be empty when the requestheader client CA is also"
              + " a client CA: any client certificate could impersonate any user");
    }
  }

  private static List<X509Certificate> parse(String pem, String what) {
    try {
      return PemFiles.parseCertificates(Objects.requireNonNull(pem, what));
    } catch (IOException e) {
      throw new AuthenticationConfigException("invalid " + what + ": " + e.getMessage(), e);
    }
  }

  private static List<String> subjects(List<X509Certificate> certificates) {
    List<String> subjects = new ArrayList<>();
    certificates.forEach(c -> subjects.add(c.getSubjectX500Principal().getName()));
    return subjects;
  }
}
