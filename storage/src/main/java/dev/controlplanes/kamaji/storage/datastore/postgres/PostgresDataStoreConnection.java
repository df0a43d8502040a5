package dev.controlplanes.kamaji.storage.datastore.postgres;

import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.postgresIdentifier;
import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.postgresLiteral;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException.Operation;
import dev.controlplanes.kamaji.storage.datastore.MigrationTargets;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting;
import dev.controlplanes.kamaji.storage.datastore.sql.TlsFiles;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.util.PasswordUtil;

/**
 * Tenants on PostgreSQL: a database owned by a login role of the same tenant, with CONNECT taken
 * away from PUBLIC so that no other tenant can open it.
 *
 * <p>Passwords never travel in clear: the role gets a SCRAM-SHA-256 verifier computed here, so
 * neither the wire nor a server statement log sees the password. Every operation opens its own JDBC
 * connection to the first endpoint (administrative traffic is rare, and a fresh connection survives
 * server restarts).
 */
public final class PostgresDataStoreConnection implements DataStoreConnection {

  private static final String ADMIN_DATABASE = "postgres";
  private static final String DUPLICATE_OBJECT = "42710";
  private static final String DUPLICATE_DATABASE = "42P04";

  private final DataStoreEndpoint endpoint;
  private final TlsFiles tlsFiles;
  private final String certificateUser;

  private PostgresDataStoreConnection(DataStoreEndpoint endpoint, TlsFiles tlsFiles) {
    this.endpoint = endpoint;
    this.tlsFiles = tlsFiles;
    DataStoreEndpoint.Tls tls = endpoint.tls();
    this.certificateUser =
        tls != null && tls.hasClientCertificate()
            ? TlsFiles.commonName(tls.clientCertificate())
            : null;
  }

  /** Prepares connections to {@code endpoint}; nothing is sent until the first operation. */
  public static PostgresDataStoreConnection open(DataStoreEndpoint endpoint) {
    TlsFiles files = endpoint.tls() == null ? null : TlsFiles.write(endpoint.tls(), true);
    return new PostgresDataStoreConnection(endpoint, files);
  }

  @Override
  public void check() {
    try (Connection c = connect(ADMIN_DATABASE, Operation.CHECK)) {
      Jdbc.exists(c, "SELECT 1");
    } catch (SQLException e) {
      throw failure(Operation.CHECK, "PostgreSQL at " + endpoint.first() + " did not answer", e);
    }
  }

  @Override
  public void setUp(TenantDatabase tenant) {
    String database = postgresIdentifier(tenant.schema());
    String role = postgresIdentifier(tenant.user());
    SqlQuoting.requireNoNul(tenant.password(), "password");
    String verifier =
        postgresLiteral(PasswordUtil.encodeScramSha256(tenant.password().toCharArray()));
    try (Connection c = connect(ADMIN_DATABASE, Operation.SET_UP)) {
      if (!roleExists(c, tenant.user())) {
        ignoring(DUPLICATE_OBJECT, () -> Jdbc.execute(c, "CREATE ROLE " + role + " LOGIN"));
      }
      Jdbc.execute(c, "ALTER ROLE " + role + " WITH LOGIN PASSWORD " + verifier);
      createDatabase(c, tenant.schema());
      Jdbc.execute(c, "GRANT CONNECT, CREATE ON DATABASE " + database + " TO " + role);
      Jdbc.execute(c, "ALTER DATABASE " + database + " OWNER TO " + role);
    } catch (SQLException e) {
      throw failure(Operation.SET_UP, "cannot set up " + tenant, e, tenant.password());
    }
    try (Connection c = connect(tenant.schema(), Operation.SET_UP)) {
      // kine creates its table as the tenant, except after a migration made by the administrator.
      if (Jdbc.exists(c, "SELECT 1 WHERE to_regclass('public.kine') IS NOT NULL")) {
        Jdbc.execute(c, "ALTER TABLE public.kine OWNER TO " + role);
      }
    } catch (SQLException e) {
      throw failure(Operation.SET_UP, "cannot hand the kine table to " + tenant, e);
    }
  }

  @Override
  public boolean isSetUp(TenantDatabase tenant) {
    postgresIdentifier(tenant.schema());
    postgresIdentifier(tenant.user());
    try (Connection c = connect(ADMIN_DATABASE, Operation.IS_SET_UP)) {
      boolean granted =
          Jdbc.exists(
              c,
              "SELECT 1 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba"
                  + " WHERE d.datname = ? AND r.rolname = ? AND r.rolcanlogin"
                  + " AND has_database_privilege(r.oid, d.oid, 'CONNECT')"
                  + " AND has_database_privilege(r.oid, d.oid, 'CREATE')"
                  // A NULL datacl means the defaults, which let PUBLIC connect.
                  + " AND NOT EXISTS (SELECT 1 FROM"
                  + " aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a"
                  + " WHERE a.grantee = 0 AND a.privilege_type = 'CONNECT')",
              tenant.schema(),
              tenant.user());
      if (!granted) {
        return false;
      }
    } catch (SQLException e) {
      throw failure(Operation.IS_SET_UP, "cannot inspect " + tenant, e);
    }
    try (Connection c = connect(tenant.schema(), Operation.IS_SET_UP)) {
      return !Jdbc.exists(
          c,
          "SELECT 1 FROM pg_class t JOIN pg_roles r ON r.oid = t.relowner"
              + " WHERE t.oid = to_regclass('public.kine') AND r.rolname <> ?",
          tenant.user());
    } catch (SQLException e) {
      throw failure(Operation.IS_SET_UP, "cannot inspect the kine table of " + tenant, e);
    }
  }

  @Override
  public void tearDown(TenantDatabase tenant) {
    String database = postgresIdentifier(tenant.schema());
    String role = postgresIdentifier(tenant.user());
    try (Connection c = connect(ADMIN_DATABASE, Operation.TEAR_DOWN)) {
      boolean roleExists = roleExists(c, tenant.user());
      if (roleExists && databaseExists(c, tenant.schema())) {
        Jdbc.execute(c, "REVOKE ALL ON DATABASE " + database + " FROM " + role);
      }
      dropDatabase(c, tenant.schema());
      Jdbc.execute(c, "DROP ROLE IF EXISTS " + role);
    } catch (SQLException e) {
      throw failure(Operation.TEAR_DOWN, "cannot tear down " + tenant, e);
    }
  }

  /**
   * Copies kine's table, the only one kine has, in one transaction on the target: the table is
   * created if missing, emptied, filled by streaming {@code COPY} from the source and its id
   * sequence moved past the copied ids. The target database is created as {@link #setUp} does;
   * handing the table to the tenant stays {@code setUp}'s work.
   */
  @Override
  public void copyTenantData(String schema, DataStoreConnection target) {
    postgresIdentifier(schema);
    PostgresDataStoreConnection to =
        MigrationTargets.require(
            target, PostgresDataStoreConnection.class, t -> t.endpoint, endpoint);
    String what = "cannot copy the database " + schema + " to " + to.endpoint.first();
    try (Connection source = connect(schema, Operation.MIGRATE)) {
      to.createDatabase(schema);
      if (Jdbc.exists(source, "SELECT 1 WHERE to_regclass('public.kine') IS NOT NULL")) {
        to.replaceKine(schema, source);
      }
    } catch (SQLException e) {
      throw failure(Operation.MIGRATE, what, e, Jdbc.password(to.endpoint));
    }
  }

  @Override
  public void dropTenantData(String schema) {
    postgresIdentifier(schema);
    try (Connection c = connect(ADMIN_DATABASE, Operation.DROP)) {
      dropDatabase(c, schema);
    } catch (SQLException e) {
      throw failure(Operation.DROP, "cannot drop the database " + schema, e);
    }
  }

  @Override
  public void close() {
    if (tlsFiles != null) {
      tlsFiles.close();
    }
  }

  private Connection connect(String database, Operation operation) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "kamaji");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "60");
    if (endpoint.basicAuth() != null) {
      properties.setProperty("user", endpoint.basicAuth().username());
      properties.setProperty("password", endpoint.basicAuth().password());
    } else if (certificateUser != null) {
      // pg_hba "cert" authentication requires the role name to equal the certificate's CN.
      properties.setProperty("user", certificateUser);
    }
    if (tlsFiles != null) {
      properties.setProperty("sslmode", "verify-full");
      properties.setProperty("sslrootcert", tlsFiles.ca().toString());
      if (tlsFiles.certificate() != null) {
        properties.setProperty("sslcert", tlsFiles.certificate().toString());
        properties.setProperty("sslkey", tlsFiles.key().toString());
      }
    } else {
      // pgjdbc would otherwise try unverified TLS first; without tlsConfig Kamaji speaks plain.
      properties.setProperty("sslmode", "disable");
    }
    // The database name goes into the URL path; pgjdbc decodes it, so percent-encode it.
    String url =
        "jdbc:postgresql://"
            + endpoint.first()
            + "/"
            + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    Connection connection = DriverManager.getConnection(url, properties);
    boolean conforming;
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SHOW standard_conforming_strings")) {
      conforming = r.next() && "on".equals(r.getString(1));
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    if (!conforming) {
      // SqlQuoting.postgresLiteral relies on it: with it off, a backslash escapes.
      connection.close();
      throw new DataStoreException(
          operation, "standard_conforming_strings is off: literals cannot be quoted safely");
    }
    return connection;
  }

  private void createDatabase(String schema) throws SQLException {
    try (Connection c = connect(ADMIN_DATABASE, Operation.MIGRATE)) {
      createDatabase(c, schema);
    }
  }

  private static void createDatabase(Connection c, String schema) throws SQLException {
    String database = postgresIdentifier(schema);
    if (!databaseExists(c, schema)) {
      ignoring(DUPLICATE_DATABASE, () -> Jdbc.execute(c, "CREATE DATABASE " + database));
    }
    // Every new database grants CONNECT and TEMPORARY to PUBLIC: without this revoke any
    // tenant's role could open any other tenant's database.
    Jdbc.execute(c, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
  }

  private static void dropDatabase(Connection c, String schema) throws SQLException {
    // FORCE ends the tenant's sessions (kine's) instead of failing while they are open.
    Jdbc.execute(c, "DROP DATABASE IF EXISTS " + postgresIdentifier(schema) + " WITH (FORCE)");
  }

  /** Replaces the kine table of the database {@code schema} here with the one of {@code source}. */
  private void replaceKine(String schema, Connection source) throws SQLException {
    try (Connection sink = connect(schema, Operation.MIGRATE)) {
      // Closing the connection without a commit rolls everything back.
      sink.setAutoCommit(false);
      for (String statement : KineTable.CREATE) {
        Jdbc.execute(sink, statement);
      }
      Jdbc.execute(sink, "TRUNCATE public.kine");
      KineTable.copy(source, sink);
      // Without this kine's next insert takes id 1 again and collides with a copied row.
      Jdbc.exists(
          sink,
          "SELECT setval(pg_get_serial_sequence('public.kine', 'id'),"
              + " COALESCE((SELECT max(id) FROM public.kine), 0) + 1, false)");
      sink.commit();
    }
  }

  private static boolean roleExists(Connection c, String role) throws SQLException {
    return Jdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
  }

  private static boolean databaseExists(Connection c, String database) throws SQLException {
    return Jdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database);
  }

  /** Another reconcile created the object between our check and our create: that is success. */
  private static void ignoring(String sqlState, SqlAction action) throws SQLException {
    try {
      action.run();
    } catch (SQLException e) {
      if (!sqlState.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private DataStoreException failure(
      Operation operation, String message, SQLException e, String... secrets) {
    return Jdbc.failure(operation, message, e, endpoint, secrets);
  }
}
