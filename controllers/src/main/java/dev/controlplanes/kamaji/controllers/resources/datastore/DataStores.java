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
 * The DataStores of {@code spec.dataStoreOverrides} (§3.2 item 8), each named once, in spec order.
 * The tenant's database and user are set up on each of them as on the primary, with the same
 * credentials (the same Secrets), so an override must be an etcd DataStore that trusts the same
 * client certificates; Kamaji enforces the driver in the controller too.
 */
final class OverrideDataStores {

  private OverrideDataStores() {}

  /** The distinct names, in spec order. */
  static List<String> names(TenantControlPlane tcp) {
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
  static List<DataStore> ready(TenantControlPlane tcp, KubeClients clients) {
    List<DataStore> stores = new ArrayList<>();
    for (String name : names(tcp)) {
      DataStore store =
          clients
              .dataStores()
              .cached(null, name)
              .orElseThrow(() -> new DataStoreNotReadyException(name, "it does not exist"));
      if (!DataStoreDriver.ETCD.equals(store.getSpec().getDriver())) {
        throw new DataStoreNotReadyException(
            name, "an override must use the etcd driver, not " + store.getSpec().getDriver());
      }
      if (store.getStatus() == null || !Boolean.TRUE.equals(store.getStatus().getReady())) {
        throw new DataStoreNotReadyException(name, "it is not validated yet");
      }
      stores.add(store);
    }
    return stores;
  }

  /** The override DataStores that still exist, for teardown. */
  static List<DataStore> existing(TenantControlPlane tcp, KubeClients clients) {
    List<DataStore> stores = new ArrayList<>();
    for (String name : names(tcp)) {
      Optional<DataStore> store = clients.dataStores().cached(null, name);
      store.ifPresent(stores::add);
    }
    return stores;
  }
}
