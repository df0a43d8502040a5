package dev.controlplanes.kamaji.apiserver.authn;

import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import dev.controlplanes.kamaji.apiserver.tls.IssuedCertificate;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.security.cert.X509Certificate;
import java.util.List;

/** Certificates shared by the authentication tests; created once per JVM (EC keys are cheap). */
final class TestPki {

  static final CertificateAuthority FRONT_PROXY_CA = CertificateAuthority.create("front-proxy-ca");
  static final CertificateAuthority CLIENT_CA = CertificateAuthority.create("kubernetes-ca");
  static final CertificateAuthority UNTRUSTED_CA = CertificateAuthority.create("untrusted-ca");

  /** What kube-apiserver presents when proxying (kubeadm's name). */
  static final IssuedCertificate FRONT_PROXY_CLIENT =
      FRONT_PROXY_CA.issueClient("front-proxy-client");

  private TestPki() {}

  static AuthenticationRequest request(HttpHeaders headers, IssuedCertificate certificate) {
    return new AuthenticationRequest(
        headers, certificate == null ? List.of() : certificate.chain());
  }

  static AuthenticationRequest request(HttpHeaders headers, List<X509Certificate> chain) {
    return new AuthenticationRequest(headers, chain);
  }

  static HttpHeaders headers(String... namesAndValues) {
    HttpHeaders headers = new DefaultHttpHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }
}
