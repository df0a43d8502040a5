package dev.controlplanes.kamaji.apiserver.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server-side trust manager that <em>requests</em> client certificates but leaves their
 * verification to the authenticators, as Go's {@code tls.RequestClientCert} does for
 * k8s.io/apiserver. Each authenticator verifies the presented chain against its own CA bundle (the
 * front-proxy CA, the client CA) from the current configuration snapshot; a certificate from an
 * unknown CA must not fail the handshake, because the request may still carry a valid bearer token.
 * The TLS handshake still proves that the client holds the certificate's private key.
 *
 * <p>Use with {@code ClientAuth.OPTIONAL}. The advertised issuers are read per handshake, so they
 * follow CA reloads; they matter for Java clients, which only offer a certificate whose issuer is
 * advertised, while Go clients (kube-apiserver, kubectl) offer theirs regardless.
 */
public final class DeferredClientTrustManager extends X509ExtendedTrustManager {

  private final Supplier<List<X509Certificate>> acceptedIssuers;

  public DeferredClientTrustManager(Supplier<List<X509Certificate>> acceptedIssuers) {
    this.acceptedIssuers = Objects.requireNonNull(acceptedIssuers, "acceptedIssuers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    requireChain(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    requireChain(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    requireChain(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("server-side trust manager: not for verifying servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("server-side trust manager: not for verifying servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("server-side trust manager: not for verifying servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return acceptedIssuers.get().toArray(X509Certificate[]::new);
  }

  private static void requireChain(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("empty client certificate chain");
    }
  }
}
