package dev.controlplanes.kamaji.controllers.kube;

import dev.controlplanes.kamaji.api.json.LenientModels;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreList;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneList;
import dev.controlplanes.kamaji.storage.datastore.SharedDataStoreConnections;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressList;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobList;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.time.Duration;

/**
 * The kinds the controllers read and write, each with a shared informer (registered on the factory,
 * started with it) and a client for writes. TenantControlPlanes and DataStores may come from
 * another API server than the rest (ours directly rather than through the aggregation layer).
 */
public record KubeClients(
    ObjectClient<TenantControlPlane> tenantControlPlanes,
    ObjectClient<DataStore> dataStores,
    ObjectClient<V1Secret> secrets,
    ObjectClient<V1ConfigMap> configMaps,
    ObjectClient<V1Service> services,
    ObjectClient<V1Deployment> deployments,
    ObjectClient<V1Ingress> ingresses,
    ObjectClient<V1Job> jobs,
    GatewayApi gatewayApi,
    SharedDataStoreConnections dataStoreConnections) {

  /** Informers see every change; this resync only re-checks time-dependent state. */
  static final Duration RESYNC = Duration.ofMinutes(10);

  /**
   * The clients of one API server.
   *
   * @param watch used by informers: its read timeout must be 0 (watches are long)
   * @param requests used for reads and writes outside the caches
   */
  public record Clients(ApiClient watch, ApiClient requests) {}

  /**
   * Registers the informers on {@code factory}.
   *
   * @param management for the management cluster's own kinds
   * @param kamaji for TenantControlPlanes and DataStores
   * @param jobNamespace the namespace of the migration Jobs, the only Jobs cached
   */
  public static KubeClients register(
      SharedInformerFactory factory,
      Clients management,
      Clients kamaji,
      GatewayApi gatewayApi,
      String jobNamespace) {
    LenientModels.install();
    ApiClient watchClient = management.watch();
    ApiClient client = management.requests();
    return new KubeClients(
        kind(
            factory,
            kamaji.watch(),
            kamaji.requests(),
            TenantControlPlane.class,
            TenantControlPlaneList.class,
            TenantControlPlane.GROUP,
            TenantControlPlane.VERSION,
            TenantControlPlane.PLURAL,
            TenantControlPlane.KIND,
            true,
            ""),
        kind(
            factory,
            kamaji.watch(),
            kamaji.requests(),
            DataStore.class,
            DataStoreList.class,
            DataStore.GROUP,
            DataStore.VERSION,
            DataStore.PLURAL,
            DataStore.KIND,
            false,
            ""),
        kind(
            factory,
            watchClient,
            client,
            V1Secret.class,
            V1SecretList.class,
            "",
            "v1",
            "secrets",
            "Secret",
            true,
            ""),
        kind(
            factory,
            watchClient,
            client,
            V1ConfigMap.class,
            V1ConfigMapList.class,
            "",
            "v1",
            "configmaps",
            "ConfigMap",
            true,
            ""),
        kind(
            factory,
            watchClient,
            client,
            V1Service.class,
            V1ServiceList.class,
            "",
            "v1",
            "services",
            "Service",
            true,
            ""),
        kind(
            factory,
            watchClient,
            client,
            V1Deployment.class,
            V1DeploymentList.class,
            "apps",
            "v1",
            "deployments",
            "Deployment",
            true,
            ""),
        kind(
            factory,
            watchClient,
            client,
            V1Ingress.class,
            V1IngressList.class,
            "networking.k8s.io",
            "v1",
            "ingresses",
            "Ingress",
            true,
            ""),
        kind(
            factory,
            watchClient,
            client,
            V1Job.class,
            V1JobList.class,
            "batch",
            "v1",
            "jobs",
            "Job",
            true,
            jobNamespace),
        gatewayApi,
        new SharedDataStoreConnections());
  }

  /** A kind cached in {@code cachedNamespace} only; in every namespace when it is empty. */
  private static <T extends KubernetesObject, L extends KubernetesListObject> ObjectClient<T> kind(
      SharedInformerFactory factory,
      ApiClient watchClient,
      ApiClient client,
      Class<T> type,
      Class<L> listType,
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      String cachedNamespace) {
    SharedIndexInformer<T> informer =
        factory.sharedIndexInformerFor(
            new GenericKubernetesApi<>(type, listType, group, version, plural, watchClient),
            type,
            RESYNC.toMillis(),
            cachedNamespace);
    return new KubeObjectClient<>(
        client, type, listType, group, version, plural, kind, namespaced, informer);
  }
}
