package dev.controlplanes.kamaji.controllers.kube;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.storage.datastore.SharedDataStoreConnections;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;

/** {@link KubeClients} over in-memory clients, those a test looks into given, the rest empty. */
public final class FakeKubeClients {

  private FakeKubeClients() {}

  public static KubeClients of(
      FakeObjectClient<TenantControlPlane> tenantControlPlanes,
      FakeObjectClient<DataStore> dataStores,
      FakeObjectClient<V1Secret> secrets,
      FakeObjectClient<V1Job> jobs) {
    return new KubeClients(
        tenantControlPlanes,
        dataStores,
        secrets,
        new FakeObjectClient<>(V1ConfigMap.class),
        new FakeObjectClient<>(V1Service.class),
        new FakeObjectClient<>(V1Deployment.class),
        new FakeObjectClient<>(V1Ingress.class),
        jobs,
        GatewayApi.absent(),
        new SharedDataStoreConnections());
  }
}
