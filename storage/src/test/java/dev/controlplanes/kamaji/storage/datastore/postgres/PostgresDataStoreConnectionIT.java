package dev.controlplanes.kamaji.storage.datastore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting;
import dev.controlplanes.kamaji.storage.testing.Closeables;
import dev.controlplanes.kamaji.storage.testing.PostgresServer;
import dev.controlplanes.kamaji.storage.testing.SqlDataStoreConnectionContract;
import dev.controlplanes.kamaji.storage.testing.SqlTestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The PostgreSQL driver against a real PostgreSQL 15 with SCRAM password authentication. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PostgresDataStoreConnectionIT extends SqlDataStoreConnectionContract {

  /** Refused logins and refused database access: the SQLSTATEs PostgreSQL sends. */
  private static final Set<String> DENIED = Set.of("28000", "28P01", "42501", "3D000");

  private static PostgresServer postgres;
  private static DataStoreConnection connection;
  private static PostgresServer targetServer;
  private static DataStoreConnection target;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.start();
    connection = DataStoreConnections.open(postgres.endpoint());
    targetServer = PostgresServer.start();
    target = DataStoreConnections.open(targetServer.endpoint());
  }

  @AfterAll
  static void stop() {
    Closeables.closeAll(connection, postgres, target, targetServer);
  }

  @Override
  protected DataStoreConnection connection() {
    return connection;
  }

  @Override
  protected SqlTestServer server() {
    return postgres;
  }

  @Override
  protected SqlTestServer targetServer() {
    return targetServer;
  }

  @Override
  protected DataStoreConnection target() {
    return target;
  }

  /** As kine does, with the statements the driver uses for a target. */
  @Override
  protected void createKine(Connection session) throws SQLException {
    for (String statement : KineTable.CREATE) {
      Jdbc.execute(session, statement);
    }
  }

  @Override
  protected String kineRowsQuery() {
    return "SELECT id, name, created, deleted, create_revision, prev_revision, lease,"
        + " encode(value, 'hex'), encode(old_value, 'hex') FROM kine ORDER BY id";
  }

  @Override
  protected boolean isDenied(Throwable failure) {
    return failure instanceof SQLException e && DENIED.contains(e.getSQLState());
  }

  @Override
  protected List<String> residue(TenantDatabase tenant) throws SQLException {
    List<String> left = new ArrayList<>();
    if (hasData(tenant)) {
      left.add("database " + tenant.schema());
    }
    try (Connection c = postgres.connectAsAdmin("postgres")) {
      if (Jdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", tenant.user())) {
        left.add("role " + tenant.user());
      }
    }
    return left;
  }

  @Override
  protected List<String> refusedSchemas() {
    return List.of("d".repeat(64), "é".repeat(32), "");
  }

  @Override
  protected List<String> refusedUsers() {
    return List.of("u".repeat(64), "");
  }

  @Test
  void namesOfExactly63BytesAreAccepted() throws Exception {
    String name = unique("n").repeat(7).substring(0, 63);
    TenantDatabase tenant = newTenant(name, name);

    connection.setUp(tenant);
    write(tenant, name, "long");

    assertThat(read(tenant, name)).isEqualTo("long");
  }

  @Test
  void kineTableCreatedByTheAdministratorIsHandedToTheTenant() throws Exception {
    TenantDatabase tenant = newTenant();
    connection.setUp(tenant);
    try (Connection c = postgres.connectAsAdmin(tenant.schema())) {
      Jdbc.execute(c, "CREATE TABLE kine (id bigint)");
    }
    assertThat(connection.isSetUp(tenant)).isFalse();

    connection.setUp(tenant);

    assertThat(connection.isSetUp(tenant)).isTrue();
    try (Connection c = postgres.connect(tenant.schema(), tenant.user(), tenant.password())) {
      Jdbc.execute(c, "INSERT INTO kine (id) VALUES (1)");
    }
  }

  @Test
  void noOtherRoleCanConnectToATenantDatabase() throws Exception {
    TenantDatabase tenant = newTenant();
    connection.setUp(tenant);
    String outsider = unique("outsider");
    try (Connection c = postgres.connectAsAdmin("postgres")) {
      Jdbc.execute(
          c, "CREATE ROLE " + SqlQuoting.postgresIdentifier(outsider) + " LOGIN PASSWORD 'x'");
    }
    try {
      assertDenied(() -> postgres.connect(tenant.schema(), outsider, "x").close());
    } finally {
      try (Connection c = postgres.connectAsAdmin("postgres")) {
        Jdbc.execute(c, "DROP ROLE " + SqlQuoting.postgresIdentifier(outsider));
      }
    }
  }

  @Test
  void aDatabaseOpenToPublicIsNotSetUpUntilSetUpClosesIt() throws Exception {
    TenantDatabase tenant = newTenant();
    connection.setUp(tenant);
    try (Connection c = postgres.connectAsAdmin("postgres")) {
      Jdbc.execute(
          c,
          "GRANT CONNECT ON DATABASE "
              + SqlQuoting.postgresIdentifier(tenant.schema())
              + " TO PUBLIC");
    }
    assertThat(connection.isSetUp(tenant)).isFalse();

    connection.setUp(tenant);

    assertThat(connection.isSetUp(tenant)).isTrue();
  }

  @Test
  void tearDownEndsOpenTenantSessions() throws Exception {
    TenantDatabase tenant = newTenant();
    connection.setUp(tenant);
    Connection open = postgres.connect(tenant.schema(), tenant.user(), tenant.password());

    connection.tearDown(tenant);

    assertThat(residue(tenant)).isEmpty();
    assertThat(open.isValid(5)).isFalse();
    open.close();
  }

  @Test
  void copyWithoutKineCreatesOnlyADatabaseNoOtherRoleCanOpen() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);
    try {
      connection.copyTenantData(a.schema(), target);

      try (Connection c = targetServer.connectAsAdmin(a.schema())) {
        assertThat(Jdbc.exists(c, "SELECT 1 WHERE to_regclass('public.kine') IS NULL")).isTrue();
        assertThat(
                Jdbc.exists(
                    c,
                    "SELECT 1 WHERE NOT has_database_privilege('public', ?, 'CONNECT')",
                    a.schema()))
            .isTrue();
      }
    } finally {
      target.tearDown(a);
    }
  }

  @Test
  void aCopyThatFailsOnARowQuotesNoValue() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);
    String secret = "secret-" + unique("");
    try (Connection c = session(postgres, a)) {
      createKine(c);
      Jdbc.execute(
          c,
          "INSERT INTO kine (name, value) VALUES ('/registry/secrets/s', ?)",
          secret.getBytes(StandardCharsets.UTF_8));
    }
    try (Connection c = targetServer.connectAsAdmin("postgres")) {
      Jdbc.execute(c, "CREATE DATABASE " + SqlQuoting.postgresIdentifier(a.schema()));
    }
    try {
      // A target table whose value column cannot take the copied bytes.
      try (Connection c = targetServer.connectAsAdmin(a.schema())) {
        Jdbc.execute(
            c,
            "CREATE TABLE kine (id bigint, name text, created int, deleted int,"
                + " create_revision bigint, prev_revision bigint, lease int, value int,"
                + " old_value bytea)");
      }

      assertThatThrownBy(() -> connection.copyTenantData(a.schema(), target))
          .isInstanceOfSatisfying(
              DataStoreException.class,
              e ->
                  assertThat(stackTrace(e))
                      .contains("SQLState 22P02")
                      .doesNotContain(
                          secret,
                          HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8))));
    } finally {
      target.tearDown(a);
    }
  }
}
