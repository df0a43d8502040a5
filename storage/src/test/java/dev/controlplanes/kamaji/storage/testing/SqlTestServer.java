package dev.controlplanes.kamaji.storage.testing;

import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import java.sql.Connection;
import java.sql.SQLException;

/** A real SQL server started for a test, as {@link SqlDataStoreConnectionContract} uses it. */
public interface SqlTestServer extends AutoCloseable {

  /** The administrator's endpoint. */
  DataStoreEndpoint endpoint();

  /** Connects to {@code database} as {@code user}; fails as the server decides. */
  Connection connect(String database, String user, String password) throws SQLException;

  /** Connects to {@code database} as the administrator. */
  Connection connectAsAdmin(String database) throws SQLException;

  /** Whether the server has a database of that name. */
  boolean databaseExists(String database) throws SQLException;

  @Override
  void close();
}
