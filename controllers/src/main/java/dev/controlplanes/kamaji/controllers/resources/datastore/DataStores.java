package dev.controlplanes.kamaji.controllers.resources.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreOverride;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.DataStoreNotReadyException;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DataStores a TenantControlPlane uses, looked up in the controllers' cache: its own, which
 * must exist and be Ready before a pass provisions anything, and those of {@code
 * spec.dataStoreOverrides} (§3.2 item 8), each named once, in spec order. The tenant's database and
 * user are set up on each override as on the primary, with the same credentials (the same Secrets),
 * so an override must be an etcd DataStore that trusts the same client certificates; Kamaji
 * enforces the driver in the controller too.
 */
public final class DataStores {

  private DataStores() {}

  /**
   * The DataStore {@code name}, Ready.
   *
   * @throws DataStoreNotReadyException if it does not exist or is not validated yet
   */
  public static DataStore ready(KubeClients clients, String name) {
    DataStore store =
        clients
            .dataStores()
            .cached(null, name)
            .orElseThrow(() -> new DataStoreNotReadyException(name, "it does not exist"));
    if (store.getStatus() == null || !Boolean.TRUE.equals(store.getStatus().getReady())) {
      throw new DataStoreNotReadyException(name, "it is not validated yet");
    }
    return store;
  }

  /** The distinct names of the overrides, in spec order. */
  static List<String> overrideNames(TenantControlPlane tcp) {
    Set<String> names = new LinkedHashSet<>();
    if (tcp.getSpec() != null && tcp.getSpec().getDataStoreOverrides() != null) {
      for (DataStoreOverride o : tcp.getSpec().getDataStoreOverrides()) {
        names.add(o.getDataStore());
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * The override DataStores, each Ready and of the etcd driver.
   *
   * @throws DataStoreNotReadyException otherwise (the pass waits and retries)
   */
  static List<DataStore> readyOverrides(TenantControlPlane tcp, KubeClients clients) {
    List<DataStore> stores = new ArrayList<>();
    for (String name : overrideNames(tcp)) {
      DataStore store =
          clients
              .dataStores()
              .cached(null, name)
              .orElseThrow(() -> new DataStoreNotReadyException(name, "it does not exist"));
      if (!DataStoreDriver.ETCD.equals(store.getSpec().getDriver())) {
        throw new DataStoreNotReadyException(
            name, "an override must use the etcd driver, not " + store.getSpec().getDriver());
      }
      stores.add(ready(clients, name));
    }
    return stores;
  }

  /** The override DataStores that still exist, for teardown. */
  static List<DataStore> existingOverrides(TenantControlPlane tcp, KubeClients clients) {
    List<DataStore> stores = new ArrayList<>();
    for (String name : overrideNames(tcp)) {
      Optional<DataStore> store = clients.dataStores().cached(null, name);
      store.ifPresent(stores::add);
    }
    return stores;
  }
}
