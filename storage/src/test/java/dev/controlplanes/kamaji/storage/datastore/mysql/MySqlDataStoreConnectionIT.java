package dev.controlplanes.kamaji.storage.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting;
import dev.controlplanes.kamaji.storage.testing.MariaDbServer;
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

/** The MySQL driver against a real MariaDB. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MySqlDataStoreConnectionIT extends SqlDataStoreConnectionContract {

  /**
   * Refusals: 1044 access denied to a database, 1045 access denied for a user (bad login), 1049
   * unknown database, 1142 command denied on a table.
   */
  private static final Set<Integer> DENIED = Set.of(1044, 1045, 1049, 1142);

  private static MariaDbServer mariadb;
  private static DataStoreConnection connection;

  @BeforeAll
  static void start() {
    mariadb = MariaDbServer.start();
    connection = DataStoreConnections.open(mariadb.endpoint());
  }

  @AfterAll
  static void stop() {
    if (connection != null) {
      connection.close();
    }
    if (mariadb != null) {
      mariadb.close();
    }
  }

  @Override
  protected DataStoreConnection connection() {
    return connection;
  }

  @Override
  protected DataStoreEndpoint endpoint() {
    return mariadb.endpoint();
  }

  @Override
  protected void logIn(TenantDatabase who) throws SQLException {
    try (Connection c = mariadb.connect(who.schema(), who.user(), who.password())) {
      Jdbc.exists(c, "SELECT 1");
    }
  }

  @Override
  protected void write(TenantDatabase who, String schema, String value) throws SQLException {
    try (Connection c = mariadb.connect(schema, who.user(), who.password())) {
      Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS probe (v varchar(100))");
      Jdbc.execute(c, "DELETE FROM probe");
      Jdbc.execute(c, "INSERT INTO probe (v) VALUES (?)", value);
    }
  }

  @Override
  protected String read(TenantDatabase who, String schema) throws SQLException {
    try (Connection c = mariadb.connect(schema, who.user(), who.password());
        PreparedStatement s = c.prepareStatement("SELECT v FROM probe");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @Override
  protected boolean isDenied(Throwable failure) {
    return failure instanceof SQLException e && DENIED.contains(e.getErrorCode());
  }

  @Override
  protected List<String> residue(TenantDatabase tenant) throws SQLException {
    List<String> left = new ArrayList<>();
    try (Connection c = mariadb.connectAsAdmin()) {
      if (Jdbc.exists(
          c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", tenant.schema())) {
        left.add("database " + tenant.schema());
      }
      if (Jdbc.exists(c, "SELECT 1 FROM mysql.user WHERE User = ?", tenant.user())) {
        left.add("user " + tenant.user());
      }
      if (Jdbc.exists(c, "SELECT 1 FROM mysql.db WHERE User = ?", tenant.user())) {
        left.add("grants of " + tenant.user());
      }
    }
    return left;
  }

  @Override
  protected List<String> refusedSchemas() {
    return List.of("d".repeat(65), "back\\slash", "trailing ", "\uD83D\uDE00", "");
  }

  @Override
  protected List<String> refusedUsers() {
    return List.of("u".repeat(129), "trailing ", "");
  }

  @Test
  void theServerAllowsTheNameLengthsWeAccept() throws Exception {
    try (Connection c = mariadb.connectAsAdmin();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
      assertThat(maxLength(s, "global_priv", "User")).isEqualTo(SqlQuoting.MARIADB_MAX_USER_CHARS);
      assertThat(maxLength(s, "db", "Db")).isEqualTo(SqlQuoting.MYSQL_MAX_DATABASE_CHARS);
    }
    String database = unique("d").repeat(8).substring(0, 64);
    String user = unique("u").repeat(15).substring(0, 128);
    TenantDatabase tenant = newTenant(database, user);

    connection.setUp(tenant);
    write(tenant, database, "long");

    assertThat(read(tenant, database)).isEqualTo("long");
  }

  @Test
  void wildcardCharactersInTheSchemaGrantNothingElse() throws Exception {
    String base = unique("w");
    TenantDatabase tenant = newTenant(base + "_%", base + "-user");
    String lookalike = base + "xy";
    try (Connection c = mariadb.connectAsAdmin()) {
      Jdbc.execute(c, "CREATE DATABASE " + SqlQuoting.mysqlDatabase(lookalike));
    }
    try {
      connection.setUp(tenant);
      assertThat(connection.isSetUp(tenant)).isTrue();
      write(tenant, tenant.schema(), "own");

      assertDenied(() -> write(tenant, lookalike, "escaped"));
    } finally {
      try (Connection c = mariadb.connectAsAdmin()) {
        Jdbc.execute(c, "DROP DATABASE " + SqlQuoting.mysqlDatabase(lookalike));
      }
    }
  }

  private static int maxLength(PreparedStatement s, String table, String column)
      throws SQLException {
    s.setString(1, table);
    s.setString(2, column);
    try (ResultSet r = s.executeQuery()) {
      assertThat(r.next()).isTrue();
      return r.getInt(1);
    }
  }
}
