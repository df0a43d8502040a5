package dev.controlplanes.kamaji.controllers.migrate;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import java.util.Objects;

/**
 * What a migration moves: the data of the schema recorded in a TenantControlPlane's status, from
 * the DataStore recorded there to another. Refuses what Kamaji's command refuses. Pure.
 */
record TenantData(String schema, String origin) {

  static TenantData of(TenantControlPlane tcp, String target) {
    var storage = tcp.getStatus() == null ? null : tcp.getStatus().getStorage();
    if (storage == null || storage.getDataStoreName() == null || storage.getSetup() == null) {
      throw new IllegalStateException(
          "the TenantControlPlane has no storage set up yet: nothing to migrate");
    }
    String schema = storage.getSetup().getSchema();
    if (schema == null || schema.isEmpty()) {
      throw new IllegalStateException("the TenantControlPlane records no datastore schema");
    }
    if (storage.getDataStoreName().equals(target)) {
      throw new IllegalStateException("cannot migrate to the same DataStore " + target);
    }
    return new TenantData(schema, storage.getDataStoreName());
  }

  void checkDrivers(DataStore origin, DataStore target) {
    if (!Objects.equals(origin.getSpec().getDriver(), target.getSpec().getDriver())) {
      throw new IllegalStateException(
          "migration between DataStores of different drivers is not supported ("
              + origin.getSpec().getDriver()
              + " to "
              + target.getSpec().getDriver()
              + ")");
    }
  }

  @Override
  public String toString() {
    return "schema " + schema;
  }
}
