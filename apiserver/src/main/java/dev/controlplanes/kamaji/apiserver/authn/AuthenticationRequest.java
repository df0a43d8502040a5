package dev.controlplanes.kamaji.apiserver.authn;

import io.netty.handler.codec.http.HttpHeaders;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What authenticators look at: the request headers and the client certificate chain of the TLS
 * connection.
 *
 * @param headers the request headers; authenticators read them and may remove the credential they
 *     consumed (as k8s.io/apiserver does with {@code Authorization})
 * @param peerCertificates the chain the client presented, leaf first, or empty when it presented
 *     none; authenticators verify it themselves against their own CA bundle
 */
public record AuthenticationRequest(HttpHeaders headers, List<X509Certificate> peerCertificates) {

  public AuthenticationRequest {
    Objects.requireNonNull(headers, "headers");
    peerCertificates = List.copyOf(peerCertificates);
  }

  /** The leaf client certificate, or null when the connection has none. */
  X509Certificate leafCertificate() {
    return peerCertificates.isEmpty() ? null : peerCertificates.get(0);
  }
}
