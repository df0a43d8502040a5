package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.AccessTokenAuthentication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Clients of this server's own API for the embedded controllers, as kube-apiserver's loopback
 * client: straight to our listener rather than through the management cluster's aggregation layer
 * (one HTTPS hop and one proxy less per request, and no SubjectAccessReview), authenticated by
 * {@link dev.controlplanes.kamaji.apiserver.authn.LoopbackTokenAuthenticator}'s token.
 *
 * <p>The client trusts exactly the serving certificate, pinned: it need not name the loopback
 * address (a certificate issued for the Service's DNS name serves here too).
 */
final class LoopbackClients implements Supplier<ApiClient> {

  private final String basePath;
  private final X509Certificate servingCertificate;
  private final byte[] servingCertificateDer;
  private final String token;

  LoopbackClients(InetSocketAddress listener, X509Certificate servingCertificate, String token) {
    this.basePath = "https://" + hostOf(listener.getAddress()) + ":" + listener.getPort();
    this.servingCertificate = servingCertificate;
    try {
      this.servingCertificateDer = servingCertificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("unreadable serving certificate", e);
    }
    this.token = token;
  }

  /** A new client (each caller tunes its own timeouts). */
  @Override
  public ApiClient get() {
    ApiClient client =
        new ClientBuilder()
            .setBasePath(basePath)
            .setAuthentication(new AccessTokenAuthentication(token))
            .setCertificateAuthority(
                PemFiles.encodeCertificates(List.of(servingCertificate))
                    .getBytes(StandardCharsets.US_ASCII))
            .build();
    client.setHttpClient(
        client.getHttpClient().newBuilder().hostnameVerifier(this::isServingCertificate).build());
    return client;
  }

  private boolean isServingCertificate(String host, SSLSession session) {
    try {
      Certificate[] peer = session.getPeerCertificates();
      return peer.length > 0 && Arrays.equals(peer[0].getEncoded(), servingCertificateDer);
    } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
      return false;
    }
  }

  /** The listener's own address, or loopback when it listens on every address. */
  private static String hostOf(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    String host = address.getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
