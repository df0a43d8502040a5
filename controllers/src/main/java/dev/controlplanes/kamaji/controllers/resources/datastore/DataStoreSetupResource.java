package dev.controlplanes.kamaji.controllers.resources.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSetupStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.DataStoreConfigSecret;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.TenantControlPlaneReconciler;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tenant's database, user and grants on the DataStore (§3.2 item 7, §3.8), and on each
 * DataStore of {@code spec.dataStoreOverrides} with the same credentials (item 8). The datastores
 * are only contacted when the datastore-config checksum (with the DataStores' names) differs from
 * the one recorded in {@code status.storage.setup} (or the TCP finalizer is missing), so a
 * converged tenant costs nothing. On first success the TCP gets {@value
 * TenantControlPlaneReconciler#FINALIZER}.
 */
public final class DataStoreSetupResource implements ManagedResource<TenantControlPlane> {

  private final TenantContext context;
  private TenantDatabase database;
  private String checksum;

  public DataStoreSetupResource(TenantContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "datastore-setup";
  }

  @Override
  public WriteResult createOrUpdate(TenantControlPlane tcp) {
    Map<String, byte[]> config =
        context.secretData(tcp.getMetadata().getNamespace(), Names.dataStoreConfig(tcp));
    database = database(config);
    List<String> overrides = DataStores.overrideNames(tcp);
    // The DataStore's name too: after a migration the same configuration is set up on another.
    checksum =
        Checksums.ofSecretData(config)
            + "@"
            + context.dataStore().getMetadata().getName()
            + (overrides.isEmpty() ? "" : "+" + String.join(",", overrides));
    boolean finalized =
        tcp.getMetadata().getFinalizers() != null
            && tcp.getMetadata().getFinalizers().contains(TenantControlPlaneReconciler.FINALIZER);
    if (finalized && checksum.equals(recordedChecksum(tcp))) {
      return WriteResult.UNCHANGED;
    }
    List<DataStore> stores = new ArrayList<>();
    stores.add(context.dataStore());
    stores.addAll(DataStores.readyOverrides(tcp, context.clients()));
    for (DataStore store : stores) {
      try (DataStoreConnection connection = DataStoreCredentials.open(context.clients(), store)) {
        connection.setUp(database);
      }
    }
    if (!finalized) {
      // Starts from the pass's copy (its resourceVersion is the precondition) and leaves the
      // stored metadata on it, so the pass's status write does not start from an outdated version.
      context
          .writer()
          .modify(
              context.clients().tenantControlPlanes(),
              tcp,
              TenantControlPlane.class,
              false,
              t -> {
                if (t.getMetadata().getFinalizers() == null
                    || !t.getMetadata()
                        .getFinalizers()
                        .contains(TenantControlPlaneReconciler.FINALIZER)) {
                  t.getMetadata().addFinalizersItem(TenantControlPlaneReconciler.FINALIZER);
                }
              })
          .ifPresent(updated -> tcp.setMetadata(updated.getMetadata()));
    }
    return WriteResult.UPDATED;
  }

  static TenantDatabase database(Map<String, byte[]> config) {
    return new TenantDatabase(
        string(config.get(DataStoreConfigSecret.SCHEMA)),
        string(config.get(DataStoreConfigSecret.USER)),
        string(config.get(DataStoreConfigSecret.PASSWORD)));
  }

  private static String string(byte[] value) {
    return value == null ? "" : new String(value, StandardCharsets.UTF_8);
  }

  private static String recordedChecksum(TenantControlPlane tcp) {
    TenantControlPlaneStatus s = tcp.getStatus();
    return s == null || s.getStorage() == null || s.getStorage().getSetup() == null
        ? null
        : s.getStorage().getSetup().getChecksum();
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    TenantControlPlaneStatus s = tcp.getStatus();
    DataStoreSetupStatus setup =
        s == null || s.getStorage() == null ? null : s.getStorage().getSetup();
    return setup == null
        || !Objects.equals(setup.getChecksum(), checksum)
        || !Objects.equals(setup.getSchema(), database.schema())
        || !Objects.equals(setup.getUser(), database.user());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.storage(tcp)
        .setup(
            new DataStoreSetupStatus()
                .schema(database.schema())
                .user(database.user())
                .checksum(checksum)
                .lastUpdate(OffsetDateTime.now(context.clock())));
  }
}
