package dev.controlplanes.kamaji.storage.datastore;

import dev.controlplanes.kamaji.storage.datastore.etcd.EtcdDataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.mysql.MySqlDataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.postgres.PostgresDataStoreConnection;

/** Opens the {@link DataStoreConnection} of a DataStore's driver. */
public final class DataStoreConnections {

  private DataStoreConnections() {}

  /**
   * Opens a connection; the caller closes it.
   *
   * @throws UnsupportedOperationException for NATS, which has no driver yet
   * @throws DataStoreException if the DataStore cannot be reached
   */
  public static DataStoreConnection open(DataStoreEndpoint endpoint) {
    return switch (endpoint.driver()) {
      case ETCD -> EtcdDataStoreConnection.open(endpoint);
      case POSTGRESQL -> PostgresDataStoreConnection.open(endpoint);
      case MYSQL -> MySqlDataStoreConnection.open(endpoint);
      case NATS ->
          throw new UnsupportedOperationException(
              "the NATS DataStore driver is not implemented yet");
    };
  }
}
