package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.controlplanes.kamaji.controllers.pki.Pem;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.pki.SecretContent;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import dev.controlplanes.kamaji.controllers.pki.TenantPkiParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The migration Job's wait for the freeze, against an HTTPS server with the tenant's generated API
 * server certificate standing in for its API server: {@code /readyz} and the freeze's path answer
 * what each test sets.
 */
class FreezeCheckTest {

  private HttpsServer server;
  private final AtomicInteger readyz = new AtomicInteger(200);
  private final AtomicInteger freeze = new AtomicInteger(404);

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** The tenant's PKI for 127.0.0.1:{@code port}, and its super-admin.conf. */
  private static Map<PkiSecret, Map<String, byte[]>> pki(int port) {
    List<SecretContent> issued =
        new TenantCertificates(
                TenantPkiParameters.of(
                    "t", "ns", "cluster.local", List.of("10.96.0.0/16"), "127.0.0.1", port))
            .issueAll();
    return Map.of(
        PkiSecret.API_SERVER, data(issued, PkiSecret.API_SERVER),
        PkiSecret.ADMIN_KUBECONFIG, data(issued, PkiSecret.ADMIN_KUBECONFIG));
  }

  private static Map<String, byte[]> data(List<SecretContent> issued, PkiSecret secret) {
    return issued.stream().filter(c -> c.secret() == secret).findFirst().orElseThrow().data();
  }

  private byte[] serve() throws Exception {
    int port = freePort();
    Map<PkiSecret, Map<String, byte[]>> pki = pki(port);
    Map<String, byte[]> apiServer = pki.get(PkiSecret.API_SERVER);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "apiserver",
        Pem.decodePrivateKey(apiServer.get("apiserver.key")).getPrivate(),
        new char[0],
        Pem.decodeCertificates(apiServer.get("apiserver.crt")).toArray(new Certificate[0]));
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(managers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext(
        "/readyz",
        exchange -> {
          exchange.sendResponseHeaders(readyz.get(), -1);
          exchange.close();
        });
    server.createContext(
        FreezeCheck.PATH,
        exchange -> {
          exchange.sendResponseHeaders(freeze.get(), -1);
          exchange.close();
        });
    server.start();
    return pki.get(PkiSecret.ADMIN_KUBECONFIG).get("super-admin.conf");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static FreezeCheck check(byte[] kubeconfig, Duration grace) {
    return new FreezeCheck(
        TenantApi.of(dev.controlplanes.kamaji.controllers.pki.Kubeconfigs.parse(kubeconfig)),
        Clock.systemUTC(),
        grace,
        Duration.ofMillis(50));
  }

  @Test
  void aFrozenTenantIsCopiedAtOnce() throws Exception {
    byte[] kubeconfig = serve();
    freeze.set(200);

    assertThat(check(kubeconfig, Duration.ofSeconds(10)).await(Instant.now().plusSeconds(10)))
        .isEqualTo(FreezeCheck.Outcome.FROZEN);
  }

  @Test
  void aServingTenantIsWaitedForUntilItIsFrozen() throws Exception {
    byte[] kubeconfig = serve();
    Thread later =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              freeze.set(200);
            });
    later.start();

    assertThat(check(kubeconfig, Duration.ofMillis(100)).await(Instant.now().plusSeconds(10)))
        .isEqualTo(FreezeCheck.Outcome.FROZEN);
    later.join();
  }

  @Test
  void aServingTenantThatIsNeverFrozenFailsAtTheDeadline() throws Exception {
    byte[] kubeconfig = serve();

    assertThatThrownBy(
            () -> check(kubeconfig, Duration.ofMillis(100)).await(Instant.now().plusMillis(500)))
        .hasMessageContaining("kamaji-freeze is not there");
  }

  @Test
  void aTenantThatDoesNotServeIsCopiedAfterTheGracePeriod() throws Exception {
    byte[] kubeconfig = serve();
    readyz.set(500); // as a kube-apiserver whose etcd is gone

    Instant start = Instant.now();
    assertThat(check(kubeconfig, Duration.ofMillis(400)).await(start.plusSeconds(10)))
        .isEqualTo(FreezeCheck.Outcome.NOT_SERVING);
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));

    // And one that does not answer at all.
    server.stop(0);
    server = null;
    assertThat(check(kubeconfig, Duration.ofMillis(200)).await(Instant.now().plusSeconds(10)))
        .isEqualTo(FreezeCheck.Outcome.NOT_SERVING);
  }
}
