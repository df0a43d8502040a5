package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import java.util.List;

/**
 * The resources of a TenantControlPlane, built fresh for every pass as Kamaji does: the ordered
 * pipeline, and the "deletable" resources run (in order) before the TCP finalizer is removed.
 */
public interface TenantResources {

  List<ManagedResource<TenantControlPlane>> pipeline(TenantContext context);

  List<DeletableResource> deletable(TenantContext context);

  /** Work that must finish before a TenantControlPlane may go (datastore teardown). */
  interface DeletableResource {

    String name();

    void delete(TenantControlPlane tcp);
  }
}
