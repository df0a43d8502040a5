package dev.controlplanes.kamaji.controllers.resources.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.TenantResources;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletion of the tenant's database, user and grants (§3.5 step 1), on the DataStore and on each
 * override DataStore that still exists: run before the TCP finalizer is removed; succeeds when some
 * or all of it is already gone.
 */
public final class DataStoreTeardown implements TenantResources.DeletableResource {

  private final TenantContext context;

  public DataStoreTeardown(TenantContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "datastore-setup";
  }

  @Override
  public void delete(TenantControlPlane tcp) {
    Map<String, byte[]> config =
        context.secretData(tcp.getMetadata().getNamespace(), Names.dataStoreConfig(tcp));
    TenantDatabase database =
        config.isEmpty()
            ? new TenantDatabase(
                ResolvedFacts.effectiveSchema(tcp), ResolvedFacts.effectiveUser(tcp), "")
            : DataStoreSetupResource.database(config);
    List<DataStore> stores = new ArrayList<>();
    stores.add(context.dataStore());
    stores.addAll(DataStores.existingOverrides(tcp, context.clients()));
    for (DataStore store : stores) {
      try (DataStoreConnection connection = DataStoreCredentials.open(context.clients(), store)) {
        connection.tearDown(database);
      }
    }
  }
}
