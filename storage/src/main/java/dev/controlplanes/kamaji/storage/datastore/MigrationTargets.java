package dev.controlplanes.kamaji.storage.datastore;

import java.util.function.Function;

/** The check every driver makes on the target of {@link DataStoreConnection#copyTenantData}. */
public final class MigrationTargets {

  private MigrationTargets() {}

  /**
   * {@code target} as a connection of {@code driver}, provided it reaches another DataStore than
   * {@code source}: copying a tenant's data onto itself would destroy it (SQL) or detach its keys
   * from their leases (etcd).
   *
   * @param endpointOf the endpoint a connection of {@code driver} was opened with
   * @throws IllegalArgumentException if {@code target} is of another driver or shares an endpoint
   *     with {@code source}
   */
  public static <T extends DataStoreConnection> T require(
      DataStoreConnection target,
      Class<T> driver,
      Function<T, DataStoreEndpoint> endpointOf,
      DataStoreEndpoint source) {
    if (!driver.isInstance(target)) {
      throw new IllegalArgumentException(
          "cannot copy data of a "
              + driver.getSimpleName()
              + " to a "
              + target.getClass().getSimpleName());
    }
    T typed = driver.cast(target);
    if (endpointOf.apply(typed).endpoints().stream().anyMatch(source.endpoints()::contains)) {
      throw new IllegalArgumentException("the target is the source DataStore");
    }
    return typed;
  }
}
