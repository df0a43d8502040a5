package dev.controlplanes.kamaji.storage.testing;

import dev.controlplanes.kamaji.storage.datastore.DataStoreDriver;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An etcd DataStore as Kamaji expects one: TLS with client certificates required, authentication
 * enabled, a root user authenticated by its certificate, and a CA that can sign tenant
 * certificates. Runs a real {@link EtcdServer}; {@link #close()} stops it.
 */
public final class AuthEtcdDataStore implements AutoCloseable {

  private final TestPki pki;
  private final TestPki.Issued root;
  private final EtcdServer server;
  private final Path pkiDir;

  private AuthEtcdDataStore(TestPki pki, TestPki.Issued root, EtcdServer server, Path pkiDir) {
    this.pki = pki;
    this.root = root;
    this.server = server;
    this.pkiDir = pkiDir;
  }

  public static AuthEtcdDataStore start() {
    TestPki pki = TestPki.create("kamaji-test-etcd-ca");
    TestPki.Issued root = pki.client("root");
    Path dir = TempDirs.create("kamaji-etcd-pki-");
    try {
      Files.write(dir.resolve("ca.crt"), pki.caPem());
      pki.server("etcd").writeTo(dir, "server");
      root.writeTo(dir, "root");
      // etcd reads the serving certificate at every handshake: the files stay until close().
      EtcdServer server =
          EtcdServer.start(
              new EtcdServer.Tls(
                  dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key")),
              new EtcdServer.RootClient(dir.resolve("root.crt"), dir.resolve("root.key")));
      return new AuthEtcdDataStore(pki, root, server, dir);
    } catch (IOException | RuntimeException e) {
      TempDirs.delete(dir);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** The endpoint Kamaji's controllers would build from the DataStore: root's certificate. */
  public DataStoreEndpoint endpoint() {
    return new DataStoreEndpoint(
        DataStoreDriver.ETCD,
        List.of(server.clientUrl().getAuthority()),
        new DataStoreEndpoint.Tls(pki.caPem(), root.certificatePem(), root.keyPem()),
        null);
  }

  /**
   * The endpoint of a DataStore whose administrator logs in with a user name and password. etcd
   * still requires a client certificate: this one names no etcd user, so only the password grants
   * anything.
   */
  public DataStoreEndpoint endpointWithPassword(String username, String password) {
    TestPki.Issued anonymous = pki.client("kamaji-test-no-such-etcd-user");
    return new DataStoreEndpoint(
        DataStoreDriver.ETCD,
        List.of(server.clientUrl().getAuthority()),
        new DataStoreEndpoint.Tls(pki.caPem(), anonymous.certificatePem(), anonymous.keyPem()),
        new DataStoreEndpoint.BasicAuth(username, password));
  }

  /** A client authenticated by a certificate with {@code CN=<user>}, signed by the DataStore CA. */
  public Client clientAs(String user) {
    return clientWith(pki.client(user));
  }

  /**
   * etcd's own answer to {@code Authenticate(user, password)}, sent as is (jetcd refuses an empty
   * password before sending it).
   *
   * @return the token
   * @throws StatusRuntimeException as etcd refused
   */
  public String authenticate(String user, String password) throws SSLException {
    SslContext tls =
        GrpcSslContexts.forClient()
            .trustManager(new ByteArrayInputStream(pki.caPem()))
            .keyManager(
                new ByteArrayInputStream(root.certificatePem()),
                new ByteArrayInputStream(root.keyPem()))
            .build();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(server.clientUrl().getHost(), server.clientUrl().getPort())
            .sslContext(tls)
            .build();
    try {
      return AuthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .authenticate(
              AuthenticateRequest.newBuilder().setName(user).setPassword(password).build())
          .getToken();
    } finally {
      channel.shutdownNow();
    }
  }

  /** A client authenticated by a certificate signed by {@code otherCa}. */
  public Client clientSignedBy(TestPki otherCa, String user) {
    return clientWith(otherCa.client(user));
  }

  /** A client authenticated as root. */
  public Client rootClient() {
    return clientWith(root);
  }

  private Client clientWith(TestPki.Issued certificate) {
    try {
      return Client.builder()
          .endpoints(server.clientUrl())
          .waitForReady(false)
          .sslContext(
              ssl ->
                  ssl.trustManager(new ByteArrayInputStream(pki.caPem()))
                      .keyManager(
                          new ByteArrayInputStream(certificate.certificatePem()),
                          new ByteArrayInputStream(certificate.keyPem())))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    TempDirs.delete(pkiDir);
  }
}
