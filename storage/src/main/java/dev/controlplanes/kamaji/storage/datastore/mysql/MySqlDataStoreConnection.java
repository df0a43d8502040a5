package dev.controlplanes.kamaji.storage.datastore.mysql;

import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.mysqlAccount;
import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.mysqlDatabase;
import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.mysqlGrantDatabase;
import static dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting.mysqlGrantPattern;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException.Operation;
import dev.controlplanes.kamaji.storage.datastore.MigrationTargets;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.datastore.sql.Jdbc;
import dev.controlplanes.kamaji.storage.datastore.sql.SqlQuoting;
import dev.controlplanes.kamaji.storage.datastore.sql.TlsFiles;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Tenants on MySQL or MariaDB: a database and an account {@code `user`@'%'} with the privileges
 * kine needs on that database only.
 *
 * <p>Passwords are bind parameters of {@code CREATE USER}/{@code ALTER USER}. Placeholders in
 * account statements are not something every MySQL/MariaDB version prepares on the server, so the
 * connection pins client-side prepared statements ({@code useServerPrepStmts=false}): the driver
 * writes each parameter as an escaped string literal, honouring the server's {@code
 * NO_BACKSLASH_ESCAPES} mode. Nothing else in this class builds SQL from values; names go through
 * {@link SqlQuoting}.
 */
public final class MySqlDataStoreConnection implements DataStoreConnection {

  private static final String PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX";

  private final DataStoreEndpoint endpoint;
  private final TlsFiles tlsFiles;

  private MySqlDataStoreConnection(DataStoreEndpoint endpoint, TlsFiles tlsFiles) {
    this.endpoint = endpoint;
    this.tlsFiles = tlsFiles;
  }

  /** Prepares connections to {@code endpoint}; nothing is sent until the first operation. */
  public static MySqlDataStoreConnection open(DataStoreEndpoint endpoint) {
    DataStoreEndpoint.Tls tls = endpoint.tls();
    if (tls != null && tls.hasClientCertificate()) {
      throw new UnsupportedOperationException(
          "MySQL client certificates are not supported yet; use basic auth over TLS");
    }
    return new MySqlDataStoreConnection(endpoint, tls == null ? null : TlsFiles.write(tls, false));
  }

  @Override
  public void check() {
    try (Connection c = connect()) {
      Jdbc.exists(c, "SELECT 1");
    } catch (SQLException e) {
      throw failure(Operation.CHECK, "MySQL at " + endpoint.first() + " did not answer", e);
    }
  }

  @Override
  public void setUp(TenantDatabase tenant) {
    String database = mysqlDatabase(tenant.schema());
    String account = mysqlAccount(tenant.user());
    SqlQuoting.requireNoNul(tenant.password(), "password");
    try (Connection c = connect()) {
      Jdbc.execute(c, "CREATE DATABASE IF NOT EXISTS " + database);
      Jdbc.execute(
          c, "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY ?", tenant.password());
      Jdbc.execute(c, "ALTER USER " + account + " IDENTIFIED BY ?", tenant.password());
      Jdbc.execute(
          c,
          "GRANT "
              + PRIVILEGES
              + " ON "
              + mysqlGrantDatabase(tenant.schema())
              + ".* TO "
              + account);
    } catch (SQLException e) {
      throw failure(Operation.SET_UP, "cannot set up " + tenant, e, tenant.password());
    }
  }

  @Override
  public boolean isSetUp(TenantDatabase tenant) {
    mysqlDatabase(tenant.schema());
    mysqlAccount(tenant.user());
    try (Connection c = connect()) {
      return databaseExists(c, tenant.schema())
          && Jdbc.exists(c, "SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'", tenant.user())
          && Jdbc.exists(
              c,
              "SELECT 1 FROM mysql.db WHERE User = ? AND Host = '%' AND Db = ?"
                  + " AND Select_priv = 'Y' AND Insert_priv = 'Y' AND Update_priv = 'Y'"
                  + " AND Delete_priv = 'Y' AND Create_priv = 'Y' AND Alter_priv = 'Y'"
                  + " AND Index_priv = 'Y'",
              tenant.user(),
              mysqlGrantPattern(tenant.schema()));
    } catch (SQLException e) {
      throw failure(Operation.IS_SET_UP, "cannot inspect " + tenant, e);
    }
  }

  @Override
  public void tearDown(TenantDatabase tenant) {
    String database = mysqlDatabase(tenant.schema());
    String account = mysqlAccount(tenant.user());
    try (Connection c = connect()) {
      if (Jdbc.exists(c, "SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'", tenant.user())) {
        Jdbc.execute(c, "REVOKE ALL PRIVILEGES, GRANT OPTION FROM " + account);
      }
      Jdbc.execute(c, "DROP DATABASE IF EXISTS " + database);
      Jdbc.execute(c, "DROP USER IF EXISTS " + account);
    } catch (SQLException e) {
      throw failure(Operation.TEAR_DOWN, "cannot tear down " + tenant, e);
    }
  }

  @Override
  public void copyTenantData(String schema, DataStoreConnection target) {
    mysqlDatabase(schema);
    MySqlDataStoreConnection to =
        MigrationTargets.require(target, MySqlDataStoreConnection.class, t -> t.endpoint, endpoint);
    String what = "cannot copy the database " + schema + " to " + to.endpoint.first();
    try (Connection source = connect();
        Connection sink = to.connect()) {
      if (!databaseExists(source, schema)) {
        throw new DataStoreException(
            Operation.MIGRATE, what + ": it does not exist at " + endpoint.first());
      }
      Jdbc.execute(sink, "CREATE DATABASE IF NOT EXISTS " + mysqlDatabase(schema));
      DatabaseCopy.copy(schema, source, sink);
    } catch (SQLException e) {
      throw failure(Operation.MIGRATE, what, e, Jdbc.password(to.endpoint));
    }
  }

  @Override
  public void dropTenantData(String schema) {
    String database = mysqlDatabase(schema);
    try (Connection c = connect()) {
      Jdbc.execute(c, "DROP DATABASE IF EXISTS " + database);
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

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", "10000");
    properties.setProperty("socketTimeout", "60000");
    // See the class comment: passwords rely on the driver's client-side parameter escaping.
    properties.setProperty("useServerPrepStmts", "false");
    properties.setProperty("allowMultiQueries", "false");
    if (endpoint.basicAuth() != null) {
      properties.setProperty("user", endpoint.basicAuth().username());
      properties.setProperty("password", endpoint.basicAuth().password());
    }
    if (tlsFiles != null) {
      properties.setProperty("sslMode", "verify-full");
      properties.setProperty("serverSslCert", tlsFiles.ca().toString());
    } else {
      // Connector 4 tries TLS by default; a DataStore without tlsConfig is plain, as in Kamaji.
      properties.setProperty("sslMode", "disable");
    }
    return DriverManager.getConnection("jdbc:mariadb://" + endpoint.first() + "/", properties);
  }

  private static boolean databaseExists(Connection c, String schema) throws SQLException {
    return Jdbc.exists(
        c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", schema);
  }

  private DataStoreException failure(
      Operation operation, String message, SQLException e, String... secrets) {
    return Jdbc.failure(operation, message, e, endpoint, secrets);
  }
}
