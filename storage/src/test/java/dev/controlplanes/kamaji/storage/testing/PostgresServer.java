package dev.controlplanes.kamaji.storage.testing;

import dev.controlplanes.kamaji.storage.datastore.DataStoreDriver;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 on 127.0.0.1, in a temporary directory, for integration tests. TCP clients
 * authenticate with SCRAM passwords; the superuser is {@code postgres} with a random password.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root, initdb and the server run as
 * the unprivileged {@code postgres} system user through {@code setpriv}, in a directory handed over
 * to that user; otherwise they run as the current user. The binaries come from {@code
 * $KAMAJI_POSTGRES_BIN}, or {@code /usr/lib/postgresql/15/bin}.
 */
public final class PostgresServer implements SqlTestServer {

  private static final String SUPERUSER = "postgres";
  private static final String SYSTEM_USER = "postgres";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path dir;
  private final int port;
  private final String password;

  private PostgresServer(Process process, Path dir, int port, String password) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /** Starts a server that speaks plain TCP with SCRAM passwords. */
  public static PostgresServer start() {
    return start(null);
  }

  /**
   * Starts a server that also accepts TLS with a serving certificate from {@code pki}; over TLS,
   * the superuser must then present a client certificate with {@code CN=postgres} from the same CA
   * (pg_hba {@code cert}), while other roles keep using SCRAM passwords.
   */
  public static PostgresServer start(TestPki pki) {
    Path bin =
        Paths.get(
            System.getenv().getOrDefault("KAMAJI_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"));
    if (!Files.isExecutable(bin.resolve("postgres"))) {
      throw new IllegalStateException("no PostgreSQL binaries in " + bin);
    }
    Path dir = TempDirs.create("kamaji-postgres-");
    String password = UUID.randomUUID().toString();
    try {
      Path passwordFile = Files.writeString(dir.resolve("pwfile"), password);
      handOver(dir);
      TempDirs.run(
          dir,
          "initdb.log",
          asSystemUser(
              bin.resolve("initdb").toString(),
              "--pgdata=" + dir.resolve("data"),
              "--username=" + SUPERUSER,
              "--pwfile=" + passwordFile,
              "--auth-local=trust",
              "--auth-host=scram-sha-256",
              "--encoding=UTF8",
              "--no-sync"));
      Files.delete(passwordFile);
      int port = TempDirs.freePort();
      Path log = dir.resolve("postgres.log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  bin.resolve("postgres").toString(),
                  "-D",
                  dir.resolve("data").toString(),
                  "-p",
                  Integer.toString(port),
                  "-c",
                  "listen_addresses=127.0.0.1",
                  "-c",
                  "unix_socket_directories=" + dir,
                  "-c",
                  "fsync=off",
                  "-c",
                  "max_connections=50"));
      if (pki != null) {
        command.addAll(enableTls(dir, pki));
      }
      Process process =
          new ProcessBuilder(asSystemUser(command.toArray(String[]::new)))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PostgresServer server = new PostgresServer(process, dir, port, password);
      try {
        server.awaitReady();
      } catch (RuntimeException e) {
        server.close();
        throw new IllegalStateException(
            "PostgreSQL did not start: " + e.getMessage() + "\n" + TempDirs.readQuietly(log), e);
      }
      return server;
    } catch (IOException e) {
      TempDirs.delete(dir);
      throw new UncheckedIOException(e);
    }
  }

  /** The administrator's endpoint: the superuser over TCP with its password. */
  @Override
  public DataStoreEndpoint endpoint() {
    return new DataStoreEndpoint(
        DataStoreDriver.POSTGRESQL,
        List.of("127.0.0.1:" + port),
        null,
        new DataStoreEndpoint.BasicAuth(SUPERUSER, password));
  }

  @Override
  public Connection connect(String database, String user, String userPassword) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", userPassword);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("sslmode", "disable");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + urlEncode(database), properties);
  }

  /** Connects to {@code database} as the superuser. */
  @Override
  public Connection connectAsAdmin(String database) throws SQLException {
    return connect(database, SUPERUSER, password);
  }

  @Override
  public boolean databaseExists(String database) throws SQLException {
    try (Connection c = connectAsAdmin("postgres")) {
      return Jdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database);
    }
  }

  @Override
  public void close() {
    // SIGTERM is PostgreSQL's "smart" shutdown; the tests have closed their sessions by now.
    TempDirs.stop(process, 10);
    TempDirs.delete(dir);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("postgres exited with status " + process.exitValue());
      }
      try (Connection c = connectAsAdmin("postgres")) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("not ready after " + START_TIMEOUT + ": " + last);
  }

  private static List<String> enableTls(Path dir, TestPki pki) throws IOException {
    Path data = dir.resolve("data");
    pki.server("postgres").writeTo(dir, "server");
    Files.write(dir.resolve("ca.crt"), pki.caPem());
    // PostgreSQL refuses a key that its group or others can read.
    Files.setPosixFilePermissions(
        dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    Path hba = data.resolve("pg_hba.conf");
    Files.writeString(
        hba, "hostssl all " + SUPERUSER + " 127.0.0.1/32 cert\n" + Files.readString(hba));
    handOver(dir);
    return List.of(
        "-c",
        "ssl=on",
        "-c",
        "ssl_cert_file=" + dir.resolve("server.crt"),
        "-c",
        "ssl_key_file=" + dir.resolve("server.key"),
        "-c",
        "ssl_ca_file=" + dir.resolve("ca.crt"));
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asSystemUser(String... command) {
    List<String> result = new ArrayList<>();
    if (runningAsRoot()) {
      result.addAll(
          List.of(
              "setpriv",
              "--reuid=" + SYSTEM_USER,
              "--regid=" + SYSTEM_USER,
              "--clear-groups",
              "--"));
    }
    result.addAll(List.of(command));
    return result;
  }

  private static void handOver(Path dir) throws IOException {
    if (!runningAsRoot()) {
      return;
    }
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        Files.setOwner(p, users.lookupPrincipalByName(SYSTEM_USER));
        Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class)
            .setGroup(users.lookupPrincipalByGroupName(SYSTEM_USER));
      }
    }
  }

  private static String urlEncode(String database) {
    return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
