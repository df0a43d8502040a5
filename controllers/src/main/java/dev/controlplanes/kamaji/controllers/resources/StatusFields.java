package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.api.v1alpha1.AddonsStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.StorageStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import java.util.Optional;

/** The status blocks resources write into, created on first use. */
public final class StatusFields {

  private StatusFields() {}

  /** The DataStore the tenant's data is recorded on ({@code status.storage.dataStoreName}). */
  public static Optional<String> recordedDataStore(TenantControlPlane tcp) {
    TenantControlPlaneStatus s = tcp.getStatus();
    return Optional.ofNullable(
            s == null || s.getStorage() == null ? null : s.getStorage().getDataStoreName())
        .filter(name -> !name.isEmpty());
  }

  public static TenantControlPlaneStatus status(TenantControlPlane tcp) {
    if (tcp.getStatus() == null) {
      tcp.setStatus(new TenantControlPlaneStatus());
    }
    return tcp.getStatus();
  }

  public static KubernetesResourcesStatus kubernetesResources(TenantControlPlane tcp) {
    TenantControlPlaneStatus s = status(tcp);
    if (s.getKubernetesResources() == null) {
      s.setKubernetesResources(new KubernetesResourcesStatus());
    }
    return s.getKubernetesResources();
  }

  public static StorageStatus storage(TenantControlPlane tcp) {
    TenantControlPlaneStatus s = status(tcp);
    if (s.getStorage() == null) {
      s.setStorage(new StorageStatus());
    }
    return s.getStorage();
  }

  public static KonnectivityStatus konnectivity(TenantControlPlane tcp) {
    TenantControlPlaneStatus s = status(tcp);
    if (s.getAddons() == null) {
      s.setAddons(new AddonsStatus());
    }
    if (s.getAddons().getKonnectivity() == null) {
      s.getAddons().setKonnectivity(new KonnectivityStatus().enabled(true));
    }
    return s.getAddons().getKonnectivity();
  }
}
