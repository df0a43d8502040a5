package dev.controlplanes.kamaji.storage.datastore.sql;

import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The few JDBC calls the drivers share. */
public final class Jdbc {

  private Jdbc() {}

  /** Whether {@code query} returns at least one row. */
  public static boolean exists(Connection connection, String query, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Runs a statement whose text was built with {@link SqlQuoting}. */
  public static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs a statement with bind parameters. */
  public static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
    }
  }

  /**
   * A {@link DataStoreException} for a failed statement, with the SQL state and vendor code and
   * without the administrator's password or any of {@code secrets}.
   */
  public static DataStoreException failure(
      Operation operation,
      String message,
      SQLException e,
      DataStoreEndpoint endpoint,
      String... secrets) {
    String[] all = new String[secrets.length + 1];
    System.arraycopy(secrets, 0, all, 0, secrets.length);
    all[secrets.length] = password(endpoint);
    return DataStoreException.wrap(
        operation,
        message + " (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")",
        e,
        all);
  }

  /**
   * {@code e} without its message or cause, for failures while rows are copied: servers quote the
   * offending value (a bad COPY line, a duplicate entry), and a tenant's rows hold its Secrets.
   */
  public static SQLException withoutValues(String message, SQLException e) {
    return new SQLException(message, e.getSQLState(), e.getErrorCode());
  }

  /** The administrator's password of {@code endpoint}, or null: a secret for {@link #failure}. */
  public static String password(DataStoreEndpoint endpoint) {
    return endpoint.basicAuth() == null ? null : endpoint.basicAuth().password();
  }
}
