package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.apiserver.registry.ReferenceLookup;
import dev.controlplanes.kamaji.apiserver.registry.SchemaChecks;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreResource;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreStrategy;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.GatewayApiAvailability;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.KubeconfigSubresource;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.TenantControlPlaneResource;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.TenantControlPlaneStrategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources of kamaji.clastix.io/v1alpha1 as this server serves them. */
public final class KamajiResources {

  private KamajiResources() {}

  /** Without a management cluster: the kubeconfig subresource answers 503. */
  public static List<ResourceRegistration> all(String defaultDataStore) {
    return all(defaultDataStore, Optional.empty(), GatewayApiAvailability.ASSUMED);
  }

  public static List<ResourceRegistration> all(
      String defaultDataStore,
      Optional<KubeconfigSubresource.SecretReader> secrets,
      GatewayApiAvailability gatewayApi) {
    ReferenceLookup dataStores = new ReferenceLookup();
    return List.of(
        new ResourceRegistration(
            TenantControlPlaneResource.create(
                Schemas.tenantControlPlane(),
                new TenantControlPlaneStrategy(defaultDataStore, dataStores, gatewayApi)),
            new SchemaChecks(Schemas.tenantControlPlane()),
            Map.of(KubeconfigSubresource.NAME, new KubeconfigSubresource(secrets))),
        new ResourceRegistration(
            DataStoreResource.create(Schemas.dataStore(), new DataStoreStrategy()),
            new SchemaChecks(Schemas.dataStore()),
            Map.of(),
            dataStores::use));
  }
}
