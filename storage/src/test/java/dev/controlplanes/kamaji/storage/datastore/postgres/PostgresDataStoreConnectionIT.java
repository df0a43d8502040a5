package dev.controlplanes.kamaji.storage.datastore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting;
import dev.controlplanes.kamaji.storage.testing.PostgresServer;
import dev.controlplanes.kamaji.storage.testing.SqlDataStoreConnectionContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

  @BeforeAll
  static void start() {
    postgres = PostgresServer.start();
    connection = DataStoreConnections.open(postgres.endpoint());
  }

  @AfterAll
  static void stop() {
    if (connection != null) {
      connection.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected DataStoreConnection connection() {
    return connection;
  }

  @Override
  protected DataStoreEndpoint endpoint() {
    return postgres.endpoint();
  }

  @Override
  protected void logIn(TenantDatabase who) throws SQLException {
    try (Connection c = postgres.connect(who.schema(), who.user(), who.password())) {
      Jdbc.exists(c, "SELECT 1");
    }
  }

  @Override
  protected void write(TenantDatabase who, String schema, String value) throws SQLException {
    try (Connection c = postgres.connect(schema, who.user(), who.password())) {
      Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS probe (v text)");
      Jdbc.execute(c, "DELETE FROM probe");
      Jdbc.execute(c, "INSERT INTO probe (v) VALUES (?)", value);
    }
  }

  @Override
  protected String read(TenantDatabase who, String schema) throws SQLException {
    try (Connection c = postgres.connect(schema, who.user(), who.password());
        PreparedStatement s = c.prepareStatement("SELECT v FROM probe");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @Override
  protected boolean isDenied(Throwable failure) {
    return failure instanceof SQLException e && DENIED.contains(e.getSQLState());
  }

  @Override
  protected List<String> residue(TenantDatabase tenant) throws SQLException {
    List<String> left = new ArrayList<>();
    try (Connection c = postgres.connectAsAdmin("postgres")) {
      if (Jdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", tenant.schema())) {
        left.add("database " + tenant.schema());
      }
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
}
