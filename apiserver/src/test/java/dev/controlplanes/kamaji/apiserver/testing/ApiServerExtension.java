package dev.controlplanes.kamaji.apiserver.testing;

import dev.controlplanes.kamaji.apiserver.ApiServer;
import dev.controlplanes.kamaji.apiserver.KamajiResources;
import dev.controlplanes.kamaji.apiserver.ServerConfig;
import dev.controlplanes.kamaji.apiserver.TestAccess;
import dev.controlplanes.kamaji.apiserver.registry.NamespaceLifecycle;
import dev.controlplanes.kamaji.apiserver.tls.CertificateAuthority;
import dev.controlplanes.kamaji.apiserver.tls.IssuedCertificate;
import dev.controlplanes.kamaji.apiserver.tls.ServingCertificates;
import dev.controlplanes.kamaji.storage.etcd.EtcdStore;
import dev.controlplanes.kamaji.storage.testing.EtcdExtension;
import io.prometheus.client.CollectorRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts, per test class, the real API server over TLS on 127.0.0.1 against the real etcd, in
 * stand-alone mode: client certificates from a test CA, system:masters allowed, everyone else
 * denied (no management cluster to ask). Writes kubeconfigs for an admin and for an unprivileged
 * user, so tests drive the server with the installed kubectl exactly as users do.
 */
public final class ApiServerExtension implements BeforeAllCallback, AfterAllCallback {

  private final EtcdExtension etcd = new EtcdExtension();
  private final int watchHistory;
  private ApiServer server;
  private Path dir;
  private CertificateAuthority servingCa;
  private IssuedCertificate admin;
  private IssuedCertificate alice;

  public ApiServerExtension() {
    this(10_000);
  }

  /** A server whose watches can resume from the last {@code watchHistory} changes only. */
  public ApiServerExtension(int watchHistory) {
    this.watchHistory = watchHistory;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (server != null) {
      return;
    }
    etcd.beforeAll(context);
    dir = Files.createTempDirectory("kamaji-apiserver-test");
    servingCa = CertificateAuthority.create("test-serving-ca");
    CertificateAuthority clientCa = CertificateAuthority.create("test-client-ca");
    servingCa
        .issueServer("localhost", "localhost", "127.0.0.1")
        .writePem(dir.resolve("serving.crt"), dir.resolve("serving.key"));
    admin = clientCa.issueClient("admin", "system:masters");
    alice = clientCa.issueClient("alice", "developers");
    String prefix = etcd.prefix().substring(0, etcd.prefix().length() - 1);
    ServerConfig config =
        new ServerConfig(
            new InetSocketAddress("127.0.0.1", 0),
            ServingCertificates.sslContext(
                dir.resolve("serving.crt"),
                dir.resolve("serving.key"),
                () -> List.of(clientCa.certificate())),
            prefix,
            32,
            1_000,
            60,
            watchHistory);
    Clock clock = Clock.systemUTC();
    server =
        ApiServer.start(
            config,
            new ApiServer.Parts(
                etcd.store(),
                KamajiResources.all("default"),
                TestAccess.standalone(List.of(clientCa.certificate())),
                TestAccess.openApi(KamajiResources.all("default"), clock),
                NamespaceLifecycle.NONE,
                new CollectorRegistry(true),
                clock));
    writeKubeconfig("admin", admin);
    writeKubeconfig("alice", alice);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      server.close();
      server = null;
    }
    etcd.afterAll(context);
  }

  public String url() {
    return "https://127.0.0.1:" + server.address().getPort();
  }

  public ApiServer server() {
    return server;
  }

  /**
   * The etcd key of an object of ours, for tests that write storage directly (objects stored by an
   * older version of the server).
   */
  public String storageKey(String resource, String namespace, String name) {
    return etcd.prefix() + "kamaji.clastix.io/" + resource + "/" + namespace + "/" + name;
  }

  /** The etcd store behind the server. */
  public EtcdStore etcdStore() {
    return etcd.store();
  }

  /** A kubeconfig for the given user ("admin" or "alice"). */
  public Path kubeconfig(String user) {
    return dir.resolve(user + ".kubeconfig");
  }

  public IssuedCertificate admin() {
    return admin;
  }

  public String servingCaPem() {
    return servingCa.certificatePem();
  }

  public Path workDir() {
    return dir;
  }

  /** Runs the installed kubectl as {@code user}; see {@link Kubectl}. */
  public Kubectl kubectl(String user) {
    return new Kubectl(kubeconfig(user), dir.resolve("kubectl-cache-" + user));
  }

  private void writeKubeconfig(String user, IssuedCertificate cert) throws IOException {
    Path certFile = dir.resolve(user + ".crt");
    Path keyFile = dir.resolve(user + ".key");
    cert.writePem(certFile, keyFile);
    Files.writeString(dir.resolve("ca.crt"), servingCa.certificatePem());
    String kubeconfig =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: kamaji",
            "  cluster:",
            "    server: " + url(),
            "    certificate-authority: " + dir.resolve("ca.crt"),
            "users:",
            "- name: " + user,
            "  user:",
            "    client-certificate: " + certFile,
            "    client-key: " + keyFile,
            "contexts:",
            "- name: kamaji",
            "  context:",
            "    cluster: kamaji",
            "    user: " + user,
            "    namespace: default",
            "current-context: kamaji",
            "");
    Files.writeString(kubeconfig(user), kubeconfig);
  }
}
