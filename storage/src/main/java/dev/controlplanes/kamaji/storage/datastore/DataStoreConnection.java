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

  @Override
  void close();
}
