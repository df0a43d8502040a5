package dev.controlplanes.kamaji.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class DeferredClientTrustManagerTest {

  private static final CertificateAuthority SERVING_CA = CertificateAuthority.create("serving-ca");
  private static final CertificateAuthority CLIENT_CA = CertificateAuthority.create("client-ca");
  private static final IssuedCertificate SERVER = SERVING_CA.issueServer("api", "127.0.0.1");

  private final DeferredClientTrustManager trustManager =
      new DeferredClientTrustManager(() -> List.of(CLIENT_CA.certificate()));

  @Test
  void handshakeExposesTheChainOfAClientFromAnAdvertisedCa() throws Exception {
    CertificateAuthority intermediate = CLIENT_CA.issueIntermediate("client-int");
    IssuedCertificate client = intermediate.issueClient("alice", "dev");

    assertThat(handshake(trustManager, client))
        .containsExactly(client.certificate(), intermediate.certificate());
  }

  @Test
  void handshakeDoesNotVerifyTheClientCertificate() throws Exception {
    // Java clients only offer certificates matching the advertised issuers; Go clients (such as
    // kube-apiserver's proxy) offer theirs regardless. An empty hint makes the JDK client offer it.
    IssuedCertificate stranger = CertificateAuthority.create("stranger-ca").issueClient("x");

    assertThat(handshake(new DeferredClientTrustManager(List::of), stranger))
        .containsExactly(stranger.certificate());
  }

  @Test
  void handshakeWithoutAClientCertificateSucceedsWithNoPeerChain() throws Exception {
    assertThat(handshake(trustManager, null)).isEmpty();
  }

  @Test
  void advertisesTheCurrentIssuersAndRefusesServerVerification() {
    assertThat(trustManager.getAcceptedIssuers()).containsExactly(CLIENT_CA.certificate());
    assertThatThrownBy(
            () ->
                trustManager.checkServerTrusted(
                    new X509Certificate[] {SERVER.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> trustManager.checkClientTrusted(new X509Certificate[0], "EC"))
        .isInstanceOf(CertificateException.class);
  }

  /** Runs one TLS handshake on loopback; returns the client chain the server saw. */
  private static Certificate[] handshake(
      DeferredClientTrustManager serverTrust, IssuedCertificate client) throws Exception {
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers(SERVER), new TrustManager[] {serverTrust}, null);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(client == null ? null : keyManagers(client), trustServingCa(), null);

    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setWantClientAuth(true);
      CompletableFuture<Certificate[]> serverSide =
          CompletableFuture.supplyAsync(() -> acceptOne(listener));
      try (SSLSocket socket =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(1);
        out.flush();
        socket.getInputStream().read();
      }
      return serverSide.get(10, TimeUnit.SECONDS);
    }
  }

  private static Certificate[] acceptOne(SSLServerSocket listener) {
    try (SSLSocket socket = (SSLSocket) listener.accept()) {
      InputStream in = socket.getInputStream();
      in.read();
      Certificate[] peer;
      try {
        peer = socket.getSession().getPeerCertificates();
      } catch (SSLPeerUnverifiedException e) {
        peer = new Certificate[0];
      }
      socket.getOutputStream().write(1);
      socket.getOutputStream().flush();
      return peer;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyManager[] keyManagers(IssuedCertificate certificate) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "key",
        certificate.privateKey(),
        password,
        certificate.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustServingCa() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", SERVING_CA.certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
