package dev.controlplanes.kamaji.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What SQL drivers add to the contract: tenants log in with passwords, and a migration copies a
 * database to a second server (the database keeps its name, so the target cannot be another
 * database on the same server).
 */
public abstract class SqlDataStoreConnectionContract extends DataStoreConnectionContract {

  /** Rows of the tenant whose data is copied. */
  private static final int ROWS = 1234;

  /** An id beyond the others, inserted explicitly. */
  private static final long LAST_ID = 5000;

  /** The server of {@link #connection()}. */
  protected abstract SqlTestServer server();

  /** A second server of the same kind, the target of migrations. */
  protected abstract SqlTestServer targetServer();

  /** The administrator's connection to {@link #targetServer()}. */
  protected abstract DataStoreConnection target();

  /** Creates kine's table as kine does, in the session's database. */
  protected abstract void createKine(Connection session) throws SQLException;

  /** Every row of kine's table ordered by id, every column, binary columns in hex. */
  protected abstract String kineRowsQuery();

  @Override
  protected DataStoreEndpoint endpoint() {
    return server().endpoint();
  }

  @Override
  protected boolean hasData(TenantDatabase tenant) throws SQLException {
    return server().databaseExists(tenant.schema());
  }

  @Override
  protected void write(TenantDatabase who, String schema, String value) throws SQLException {
    write(server(), who, schema, value);
  }

  @Override
  protected String read(TenantDatabase who, String schema) throws SQLException {
    return read(server(), who, schema);
  }

  /** Opens and closes a session as {@code who} on its own database; throws if refused. */
  protected void logIn(TenantDatabase who) throws SQLException {
    try (Connection c = session(server(), who)) {
      Jdbc.exists(c, "SELECT 1");
    }
  }

  /** A session of {@code tenant} on its own database. */
  protected static Connection session(SqlTestServer server, TenantDatabase tenant)
      throws SQLException {
    return server.connect(tenant.schema(), tenant.user(), tenant.password());
  }

  /** What {@link #kineRowsQuery()} returns in the tenant's database, read as the administrator. */
  private List<String> kineRows(SqlTestServer server, TenantDatabase tenant) throws SQLException {
    try (Connection c = server.connectAsAdmin(tenant.schema())) {
      return MigrationFixtures.rows(c, kineRowsQuery());
    }
  }

  /**
   * The tenant's kine table with {@link #ROWS} rows of binary values, the last one with id 5000.
   */
  private void fillKine(TenantDatabase tenant) throws SQLException {
    try (Connection c = session(server(), tenant)) {
      createKine(c);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease,"
                  + " value) VALUES (?, 1, 0, ?, ?, 0, ?)")) {
        for (int i = 1; i < ROWS; i++) {
          insert.setString(1, "/registry/k" + i);
          insert.setLong(2, i);
          insert.setLong(3, i - 1);
          insert.setBytes(4, MigrationFixtures.binaryValue(i));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      Jdbc.execute(
          c,
          "INSERT INTO kine (id, name, value, old_value) VALUES (?, ?, ?, ?)",
          LAST_ID,
          "/registry/every-byte",
          MigrationFixtures.everyByte(),
          MigrationFixtures.binaryValue(7));
    }
  }

  private static void write(SqlTestServer server, TenantDatabase who, String schema, String value)
      throws SQLException {
    try (Connection c = server.connect(schema, who.user(), who.password())) {
      Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS probe (v varchar(100))");
      Jdbc.execute(c, "DELETE FROM probe");
      Jdbc.execute(c, "INSERT INTO probe (v) VALUES (?)", value);
    }
  }

  /** What {@link #write} stored on {@code server}, read as {@code who}. */
  protected static String read(SqlTestServer server, TenantDatabase who, String schema)
      throws SQLException {
    try (Connection c = server.connect(schema, who.user(), who.password());
        PreparedStatement s = c.prepareStatement("SELECT v FROM probe");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @Test
  void copyMovesTheTablesToAnotherServerWhereTheTenantCanUseThem() throws Exception {
    TenantDatabase a = newTenant();
    TenantDatabase b = newTenant();
    connection().setUp(a);
    fillKine(a);
    target().setUp(b);
    try {
      write(targetServer(), b, b.schema(), "b's");

      connection().copyTenantData(a.schema(), target());

      assertThat(kineRows(targetServer(), a)).hasSize(ROWS).isEqualTo(kineRows(server(), a));
      target().setUp(a);
      try (Connection c = session(targetServer(), a)) {
        assertThat(MigrationFixtures.rows(c, "SELECT name FROM kine")).hasSize(ROWS);
        // No collision with a copied id: the target continues after the largest one.
        Jdbc.execute(c, "INSERT INTO kine (name) VALUES ('/registry/after-the-move')");
        assertThat(MigrationFixtures.rows(c, "SELECT max(id) FROM kine"))
            .containsExactly(Long.toString(LAST_ID + 1));
      }
      assertThat(read(targetServer(), b, b.schema())).isEqualTo("b's");
    } finally {
      target().tearDown(a);
      target().tearDown(b);
    }
  }

  @Test
  void aSecondCopyReplacesTheRowsInsteadOfAddingThem() throws Exception {
    TenantDatabase a = newTenant();
    connection().setUp(a);
    try (Connection c = session(server(), a)) {
      createKine(c);
      Jdbc.execute(c, "INSERT INTO kine (name, value) VALUES (?, ?)", "/registry/one", new byte[1]);
    }
    try {
      connection().copyTenantData(a.schema(), target());
      try (Connection c = session(server(), a)) {
        Jdbc.execute(c, "INSERT INTO kine (name) VALUES ('/registry/two')");
      }

      connection().copyTenantData(a.schema(), target());

      assertThat(kineRows(targetServer(), a)).hasSize(2).isEqualTo(kineRows(server(), a));
    } finally {
      target().tearDown(a);
    }
  }

  @Test
  void copyOfAMissingDatabaseFailsAndCreatesNothing() throws Exception {
    String missing = unique("missing");

    assertThatThrownBy(() -> connection().copyTenantData(missing, target()))
        .isInstanceOfSatisfying(
            DataStoreException.class,
            e -> assertThat(e.operation()).isEqualTo(DataStoreException.Operation.MIGRATE));

    assertThat(targetServer().databaseExists(missing)).isFalse();
  }

  @Test
  void setUpWithANewPasswordReplacesTheOldOne() throws Exception {
    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);
    logIn(tenant);

    TenantDatabase rotated = tenant.withPassword("rotated-" + unique(""));
    connection().setUp(rotated);

    assertThatCode(() -> logIn(rotated)).doesNotThrowAnyException();
    assertDenied(() -> logIn(tenant));
    assertThat(connection().isSetUp(rotated)).isTrue();
  }

  @Test
  void hostilePasswordsAreStoredVerbatim() throws Exception {
    String password = "p'\"`; DROP USER x; -- \\' \\\\ %_ $1 ? é";
    TenantDatabase tenant = newTenant().withPassword(password);
    connection().setUp(tenant);

    assertThatCode(() -> logIn(tenant)).doesNotThrowAnyException();
    assertDenied(() -> logIn(tenant.withPassword(password.replace("\\", ""))));
  }

  @Test
  void passwordsWithNulAreRefused() {
    TenantDatabase tenant = newTenant().withPassword("a\0b");

    assertThatThrownBy(() -> connection().setUp(tenant))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failuresNeverShowPasswords() {
    String secret = "admin-secret-" + unique("");
    DataStoreEndpoint wrong =
        new DataStoreEndpoint(
            endpoint().driver(),
            endpoint().endpoints(),
            null,
            new DataStoreEndpoint.BasicAuth(endpoint().basicAuth().username(), secret));
    TenantDatabase tenant = newTenant().withPassword("tenant-secret-" + unique(""));

    try (DataStoreConnection connection = DataStoreConnections.open(wrong)) {
      assertThatThrownBy(connection::check)
          .isInstanceOfSatisfying(
              DataStoreException.class,
              e -> {
                assertThat(e.operation()).isEqualTo(DataStoreException.Operation.CHECK);
                assertThat(stackTrace(e)).doesNotContain(secret);
              });
      assertThatThrownBy(() -> connection.setUp(tenant))
          .isInstanceOfSatisfying(
              DataStoreException.class,
              e -> assertThat(stackTrace(e)).doesNotContain(secret, tenant.password()));
    }
  }

  /** Everything a log would show of {@code t}: messages, causes, suppressed. */
  protected static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
