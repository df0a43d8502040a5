package dev.controlplanes.kamaji.storage.datastore;

/** The DataStore drivers of {@code spec.driver}. */
public enum DataStoreDriver {
  ETCD,
  MYSQL,
  POSTGRESQL,
  NATS
}
