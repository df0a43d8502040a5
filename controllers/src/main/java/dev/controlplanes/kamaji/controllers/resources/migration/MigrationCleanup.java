package dev.controlplanes.kamaji.controllers.resources.migration;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;

/**
 * Deletes the migration Job once the tenant runs on the DataStore its spec names (Kamaji §3.2 item
 * 12), with its pods. The data left on the former DataStore is kept, as Kamaji keeps it.
 */
public final class MigrationCleanup implements ManagedResource<TenantControlPlane> {

  private final TenantContext context;

  public MigrationCleanup(TenantContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "migrate-cleanup";
  }

  @Override
  public WriteResult createOrUpdate(TenantControlPlane tcp) {
    String target = context.dataStore().getMetadata().getName();
    if (MigrationResource.origin(tcp, target).isPresent()) {
      return WriteResult.UNCHANGED; // still migrating
    }
    String namespace = context.options().migration().namespace();
    String name = Names.migrationJob(tcp);
    if (context.clients().jobs().cached(namespace, name).isEmpty()) {
      return WriteResult.UNCHANGED;
    }
    context.clients().jobs().delete(namespace, name);
    return WriteResult.DELETED;
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    return false;
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {}
}
