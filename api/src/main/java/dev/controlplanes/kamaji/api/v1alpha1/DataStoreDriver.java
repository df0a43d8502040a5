package dev.controlplanes.kamaji.api.v1alpha1;

/** Values of {@code spec.driver} of a DataStore. */
public final class DataStoreDriver {
  public static final String ETCD = "etcd";
  public static final String MYSQL = "MySQL";
  public static final String POSTGRESQL = "PostgreSQL";
  public static final String NATS = "NATS";

  private DataStoreDriver() {}
}
