package dev.controlplanes.kamaji.storage.testing;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A real upstream etcd on 127.0.0.1, in a temporary directory, for integration tests.
 *
 * <p>The binary comes from {@code $KAMAJI_ETCD_DIR/etcd}, or else from {@code
 * hack/build-upstream.sh etcd} in the enclosing checkout (which builds the pinned version once and
 * caches it). Ports are chosen by the OS; {@link #close()} stops etcd and deletes its directory.
 */
public final class EtcdServer implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;

  /**
   * PEM files for serving clients over TLS; etcd then requires client certificates signed by the
   * same CA.
   */
  public record Tls(Path caFile, Path certFile, Path keyFile) {}

  /**
   * A client certificate with {@code CN=root}, signed by the CA of {@link Tls}. Given one, {@link
   * #start(Tls, RootClient)} creates etcd's root user and enables authentication, so that role
   * permissions apply to every other client certificate.
   */
  public record RootClient(Path certFile, Path keyFile) {}

  private final Process process;
  private final Path dir;
  private final URI clientUrl;
  private final URI healthUrl;
  private final Thread shutdownHook;

  private EtcdServer(Process process, Path dir, URI clientUrl, URI healthUrl) {
    this.process = process;
    this.dir = dir;
    this.clientUrl = clientUrl;
    this.healthUrl = healthUrl;
    this.shutdownHook = new Thread(this::stop, "etcd-test-server-shutdown");
  }

  /** Starts a plain-text etcd and returns once it reports healthy. */
  public static EtcdServer start() {
    return start(null);
  }

  /** Starts etcd, serving clients over TLS when {@code tls} is not null. */
  public static EtcdServer start(Tls tls) {
    return start(tls, null);
  }

  /**
   * Starts etcd over TLS and, when {@code root} is not null, enables authentication with a root
   * user that {@code root}'s certificate authenticates as.
   */
  public static EtcdServer start(Tls tls, RootClient root) {
    if (root != null && tls == null) {
      throw new IllegalArgumentException("authentication by certificate needs TLS");
    }
    Path binary = findBinary();
    IllegalStateException failure = new IllegalStateException("etcd did not start");
    // Free ports are picked by binding port 0 and releasing it; another process can take one in
    // between, so a failed start is retried with fresh ports.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        EtcdServer server = launch(binary, tls);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        if (root != null) {
          try {
            server.enableAuth(tls, root);
          } catch (RuntimeException e) {
            server.close();
            throw e;
          }
        }
        return server;
      } catch (IllegalStateException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  /** The client URL, e.g. {@code http://127.0.0.1:40123} ({@code https} with TLS). */
  public URI clientUrl() {
    return clientUrl;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and the hook is running or about to.
    }
    stop();
  }

  /** Kills etcd at once, as a crash would, and deletes its directory. */
  public void kill() {
    process.destroyForcibly();
    close();
  }

  private void stop() {
    // etcd's graceful stop waits for open client streams (watches); nothing here needs it.
    TempDirs.stop(process, 2);
    TempDirs.delete(dir);
  }

  private static EtcdServer launch(Path binary, Tls tls) {
    Path dir = TempDirs.create("kamaji-etcd-");
    URI clientUrl =
        URI.create((tls == null ? "http" : "https") + "://" + LOOPBACK + ":" + TempDirs.freePort());
    String peerUrl = "http://" + LOOPBACK + ":" + TempDirs.freePort();
    // A separate plain-text listener for /health, so readiness needs no client certificate.
    URI metricsUrl = URI.create("http://" + LOOPBACK + ":" + TempDirs.freePort());
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--name=test",
            "--data-dir=" + dir.resolve("data"),
            "--listen-client-urls=" + clientUrl,
            "--advertise-client-urls=" + clientUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=test=" + peerUrl,
            "--listen-metrics-urls=" + metricsUrl,
            "--log-level=warn",
            // Durability is not under test; fsync dominates write latency on a busy machine.
            "--unsafe-no-fsync=true"));
    if (tls != null) {
      command.addAll(
          List.of(
              "--cert-file=" + tls.certFile(),
              "--key-file=" + tls.keyFile(),
              "--trusted-ca-file=" + tls.caFile(),
              "--client-cert-auth=true"));
    }
    Path log = dir.resolve("etcd.log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      TempDirs.delete(dir);
      throw new UncheckedIOException("cannot run " + binary, e);
    }
    EtcdServer server = new EtcdServer(process, dir, clientUrl, metricsUrl.resolve("/health"));
    try {
      server.awaitHealthy();
      return server;
    } catch (RuntimeException e) {
      String output = TempDirs.readQuietly(log);
      server.stop();
      throw new IllegalStateException(
          "etcd on " + clientUrl + " did not become healthy: " + e.getMessage() + "\n" + output, e);
    }
  }

  private void enableAuth(Tls tls, RootClient root) {
    // etcd refuses to enable auth without a root user holding the root role. The password is
    // random and discarded: root authenticates by its certificate's CN.
    ByteSequence name = ByteSequence.from("root", StandardCharsets.UTF_8);
    ByteSequence password = ByteSequence.from(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
    try (Client client =
        Client.builder()
            .endpoints(clientUrl)
            .sslContext(
                ssl ->
                    ssl.trustManager(tls.caFile().toFile())
                        .keyManager(root.certFile().toFile(), root.keyFile().toFile()))
            .build()) {
      Auth auth = client.getAuthClient();
      auth.roleAdd(name).get(10, TimeUnit.SECONDS);
      auth.userAdd(name, password).get(10, TimeUnit.SECONDS);
      auth.userGrantRole(name, name).get(10, TimeUnit.SECONDS);
      auth.authEnable().get(10, TimeUnit.SECONDS);
    } catch (SSLException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot enable etcd authentication", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void awaitHealthy() {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest request = HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with status " + process.exitValue());
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      // There is nothing to wait on but the process itself: pause briefly, or return early if
      // it dies.
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("not healthy after " + START_TIMEOUT);
  }

  private static Path findBinary() {
    Path binary = UpstreamBinaries.directory("etcd").resolve("etcd");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("no etcd binary at " + binary);
    }
    return binary;
  }
}
