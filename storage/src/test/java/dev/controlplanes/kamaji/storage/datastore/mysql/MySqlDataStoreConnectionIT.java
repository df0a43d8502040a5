package dev.controlplanes.kamaji.storage.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting;
import dev.controlplanes.kamaji.storage.testing.Closeables;
import dev.controlplanes.kamaji.storage.testing.MariaDbServer;
import dev.controlplanes.kamaji.storage.testing.MigrationFixtures;
import dev.controlplanes.kamaji.storage.testing.SqlDataStoreConnectionContract;
import dev.controlplanes.kamaji.storage.testing.SqlTestServer;
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
  private static MariaDbServer targetServer;
  private static DataStoreConnection target;

  @BeforeAll
  static void start() {
    mariadb = MariaDbServer.start();
    connection = DataStoreConnections.open(mariadb.endpoint());
    targetServer = MariaDbServer.start();
    target = DataStoreConnections.open(targetServer.endpoint());
  }

  @AfterAll
  static void stop() {
    Closeables.closeAll(connection, mariadb, target, targetServer);
  }

  @Override
  protected DataStoreConnection connection() {
    return connection;
  }

  @Override
  protected SqlTestServer server() {
    return mariadb;
  }

  @Override
  protected SqlTestServer targetServer() {
    return targetServer;
  }

  @Override
  protected DataStoreConnection target() {
    return target;
  }

  /** As kine v0.17.5 creates it on MySQL. */
  @Override
  protected void createKine(Connection session) throws SQLException {
    Jdbc.execute(
        session,
        "CREATE TABLE kine (id BIGINT UNSIGNED AUTO_INCREMENT, name VARCHAR(630) CHARACTER SET"
            + " ascii, created INTEGER, deleted INTEGER, create_revision BIGINT UNSIGNED,"
            + " prev_revision BIGINT UNSIGNED, lease INTEGER, value MEDIUMBLOB,"
            + " old_value MEDIUMBLOB, PRIMARY KEY (id))");
    Jdbc.execute(session, "CREATE INDEX kine_name_index ON kine (name)");
    Jdbc.execute(
        session,
        "CREATE UNIQUE INDEX kine_name_prev_revision_uindex ON kine (name, prev_revision)");
  }

  @Override
  protected String kineRowsQuery() {
    return "SELECT id, name, created, deleted, create_revision, prev_revision, lease, HEX(value),"
        + " HEX(old_value) FROM kine ORDER BY id";
  }

  @Override
  protected boolean isDenied(Throwable failure) {
    return failure instanceof SQLException e && DENIED.contains(e.getErrorCode());
  }

  @Override
  protected List<String> residue(TenantDatabase tenant) throws SQLException {
    List<String> left = new ArrayList<>();
    if (hasData(tenant)) {
      left.add("database " + tenant.schema());
    }
    try (Connection c = mariadb.connectAsAdmin()) {
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

  @Test
  void copyTakesEveryTableWithItsDefinitionAndNextAutoIncrementId() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);
    write(a, a.schema(), "a's probe");
    try (Connection c = session(mariadb, a)) {
      createKine(c);
      Jdbc.execute(c, "INSERT INTO kine (id, name) VALUES (41, '/registry/k')");
    }
    try {
      connection.copyTenantData(a.schema(), target);

      assertThat(showCreateKine(targetServer, a))
          .isEqualTo(showCreateKine(mariadb, a))
          .anyMatch(line -> line.contains("AUTO_INCREMENT=42"));
      target.setUp(a);
      assertThat(read(targetServer, a, a.schema())).isEqualTo("a's probe");
    } finally {
      target.tearDown(a);
    }
  }

  private static List<String> showCreateKine(MariaDbServer server, TenantDatabase tenant)
      throws SQLException {
    try (Connection c = server.connectAsAdmin()) {
      return MigrationFixtures.rows(
          c, "SHOW CREATE TABLE " + SqlQuoting.mysqlDatabase(tenant.schema()) + ".kine");
    }
  }
}
