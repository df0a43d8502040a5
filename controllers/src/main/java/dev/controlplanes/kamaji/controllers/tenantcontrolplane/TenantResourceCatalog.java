package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Kamaji's resource order (§3.2) with what is implemented so far. Not implemented: migrate (1),
 * upgrade (2), migrate cleanup (12) and gateway routes (14).
 */
public final class TenantResourceCatalog implements TenantResources {

  private TenantResourceCatalog() {}

  public static TenantResourceCatalog standard() {
    return new TenantResourceCatalog();
  }

  @Override
  public List<ManagedResource<TenantControlPlane>> pipeline(TenantContext context) {
    List<ManagedResource<TenantControlPlane>> resources = new ArrayList<>();
    return resources;
  }

  @Override
  public List<DeletableResource> deletable(TenantContext context) {
    return List.of();
  }
}
