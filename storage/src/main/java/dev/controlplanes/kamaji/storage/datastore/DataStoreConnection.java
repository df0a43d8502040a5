package dev.controlplanes.kamaji.storage.datastore;

/**
 * An administrative connection to one DataStore: what the TenantControlPlane reconciler needs to
 * give a tenant its database and to take it away again. Every operation is idempotent, so a
 * reconcile can be retried after any failure.
 *
 * <p>Failures are {@link DataStoreException}s; names a driver cannot quote safely are refused with
 * an {@link IllegalArgumentException} before anything is sent.
 */
public interface DataStoreConnection extends AutoCloseable {

  /** Proves the DataStore answers with the configured credentials. */
  void check();

  /**
   * Creates the database (etcd: nothing to create) and the user, or sets the password of an
   * existing user, and grants the user exactly its own database (etcd: the {@code /<schema>/}
   * range).
   */
  void setUp(TenantDatabase tenant);

  /** Whether the database, the user and its grants (and ownership, where there is one) exist. */
  boolean isSetUp(TenantDatabase tenant);

  /**
   * Revokes the grants, drops the database (etcd: deletes every key under {@code /<schema>/}) and
   * drops the user. Succeeds when some or all of it is already gone.
   */
  void tearDown(TenantDatabase tenant);

  /**
   * Copies the tenant's data to the same place on {@code target} for a live migration (Kamaji
   * §4.1): etcd every key under {@code /<schema>/}, revisions and leases not kept; PostgreSQL
   * kine's table ({@code public.kine}, the only one kine uses) and MySQL every table of the
   * database {@code schema}, created on the target when missing and replacing what the target held
   * in them. Keys or tables the target has and this connection does not are left alone (see {@link
   * #dropTenantData}). Only the data moves: the target's user and grants are {@link #setUp}'s work.
   *
   * @throws IllegalArgumentException if {@code target} is of another driver
   */
  void copyTenantData(String schema, DataStoreConnection target);

  /**
   * Deletes the tenant's data (etcd: every key under {@code /<schema>/}; SQL: drops the database
   * {@code schema}) but not its user, so that a migration back to a DataStore that still holds an
   * old copy starts clean ({@code kamaji.clastix.io/cleanup-prior-migration}). Succeeds when there
   * is nothing to delete.
   */
  void dropTenantData(String schema);

  @Override
  void close();
}
