package dev.controlplanes.kamaji.storage.testing;

import dev.controlplanes.kamaji.storage.datastore.DataStoreDriver;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB on 127.0.0.1, in a temporary directory (datadir, socket, pid file), for
 * integration tests. The binaries are Debian's ({@code mariadb-server}): {@code /usr/sbin/mariadbd}
 * and {@code /usr/bin/mariadb-install-db}. An administrator {@code kamaji-admin@127.0.0.1} with all
 * privileges and a random password is created by an init file at start.
 */
public final class MariaDbServer implements SqlTestServer {

  private static final String ADMIN = "kamaji-admin";
  private static final String TLS_ADMIN = "kamaji-tls-admin";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path dir;
  private final int port;
  private final String password;

  private MariaDbServer(Process process, Path dir, int port, String password) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /** Starts a server that speaks plain TCP. */
  public static MariaDbServer start() {
    return start(null);
  }

  /**
   * Starts a server that also accepts TLS with a serving certificate from {@code pki}, and adds
   * {@code kamaji-tls-admin}, an administrator that must connect over TLS ({@code REQUIRE SSL}),
   * reached through {@link #tlsEndpoint}.
   */
  public static MariaDbServer start(TestPki pki) {
    Path server = Path.of("/usr/sbin/mariadbd");
    Path installDb = Path.of("/usr/bin/mariadb-install-db");
    if (!Files.isExecutable(server) || !Files.isExecutable(installDb)) {
      throw new IllegalStateException("MariaDB is not installed (apt-get install mariadb-server)");
    }
    Path dir = TempDirs.create("kamaji-mariadb-");
    // Only hex digits and dashes: the password is written into SQL text below.
    String password = UUID.randomUUID().toString();
    try {
      Path data = dir.resolve("data");
      TempDirs.run(
          dir,
          "install-db.log",
          List.of(
              installDb.toString(),
              "--no-defaults",
              "--datadir=" + data,
              "--user=" + System.getProperty("user.name"),
              "--auth-root-authentication-method=normal",
              "--skip-test-db",
              "--skip-name-resolve"));
      String sql = administrator(ADMIN, password, "");
      if (pki != null) {
        sql += administrator(TLS_ADMIN, password, " REQUIRE SSL");
      }
      Path init = Files.writeString(dir.resolve("init.sql"), sql);
      int port = TempDirs.freePort();
      Path log = dir.resolve("error.log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  server.toString(),
                  "--no-defaults",
                  "--datadir=" + data,
                  "--socket=" + dir.resolve("mysqld.sock"),
                  "--pid-file=" + dir.resolve("mariadb.pid"),
                  "--tmpdir=" + dir,
                  "--port=" + port,
                  "--bind-address=127.0.0.1",
                  "--skip-name-resolve",
                  "--init-file=" + init,
                  "--log-error=" + log,
                  "--skip-log-bin",
                  "--innodb-buffer-pool-size=32M",
                  "--innodb-flush-log-at-trx-commit=0",
                  "--max-connections=50",
                  "--character-set-server=utf8mb4"));
      if (pki != null) {
        pki.server("mariadb").writeTo(dir, "server");
        Files.write(dir.resolve("ca.crt"), pki.caPem());
        command.addAll(
            List.of(
                "--ssl-cert=" + dir.resolve("server.crt"),
                "--ssl-key=" + dir.resolve("server.key"),
                "--ssl-ca=" + dir.resolve("ca.crt")));
      }
      if ("root".equals(System.getProperty("user.name"))) {
        command.add("--user=root");
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      MariaDbServer mariadb = new MariaDbServer(process, dir, port, password);
      try {
        mariadb.awaitReady();
      } catch (RuntimeException e) {
        String output = TempDirs.readQuietly(log);
        mariadb.close();
        throw new IllegalStateException(
            "MariaDB did not start: " + e.getMessage() + "\n" + output, e);
      }
      return mariadb;
    } catch (IOException e) {
      TempDirs.delete(dir);
      throw new UncheckedIOException(e);
    }
  }

  /** The administrator's endpoint over TCP with its password. */
  @Override
  public DataStoreEndpoint endpoint() {
    return new DataStoreEndpoint(
        DataStoreDriver.MYSQL,
        List.of("127.0.0.1:" + port),
        null,
        new DataStoreEndpoint.BasicAuth(ADMIN, password));
  }

  /** The TLS-only administrator's endpoint, trusting {@code ca}. */
  public DataStoreEndpoint tlsEndpoint(byte[] ca) {
    return new DataStoreEndpoint(
        DataStoreDriver.MYSQL,
        List.of("127.0.0.1:" + port),
        new DataStoreEndpoint.Tls(ca, null, null),
        new DataStoreEndpoint.BasicAuth(TLS_ADMIN, password));
  }

  /** Connects as {@code user} to {@code database} (none when null); fails as the server decides. */
  @Override
  public Connection connect(String database, String user, String userPassword) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", userPassword);
    properties.setProperty("connectTimeout", "10000");
    properties.setProperty("sslMode", "disable");
    String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
    Connection c = DriverManager.getConnection(url, properties);
    if (database != null) {
      try {
        c.setCatalog(database);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  /** Connects as the administrator. */
  public Connection connectAsAdmin() throws SQLException {
    return connectAsAdmin(null);
  }

  /** Connects as the administrator to {@code database} (none when null). */
  @Override
  public Connection connectAsAdmin(String database) throws SQLException {
    return connect(database, ADMIN, password);
  }

  @Override
  public boolean databaseExists(String database) throws SQLException {
    try (Connection c = connectAsAdmin()) {
      return Jdbc.exists(
          c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database);
    }
  }

  @Override
  public void close() {
    TempDirs.stop(process, 20);
    TempDirs.delete(dir);
  }

  private static String administrator(String name, String password, String require) {
    String account = "'" + name + "'@'127.0.0.1'";
    return "CREATE USER IF NOT EXISTS "
        + account
        + " IDENTIFIED BY '"
        + password
        + "'"
        + require
        + ";\nGRANT ALL PRIVILEGES ON *.* TO "
        + account
        + " WITH GRANT OPTION;\n";
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mariadbd exited with status " + process.exitValue());
      }
      try (Connection c = connectAsAdmin()) {
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
}
