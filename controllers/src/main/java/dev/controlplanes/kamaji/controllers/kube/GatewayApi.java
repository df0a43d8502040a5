package dev.controlplanes.kamaji.controllers.kube;

import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management cluster's Gateway API, when it serves TLSRoutes and Gateways ({@code
 * gateway.networking.k8s.io/v1}), found once when the controllers start as Kamaji does: TLSRoutes
 * with an informer (owned routes, their status), Gateways read when a route's access points are
 * computed.
 */
public final class GatewayApi {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayApi.class);

  private final ObjectClient<GatewayApiObject> tlsRoutes;
  private final GenericKubernetesApi<GatewayApiObject, GatewayApiObjectList> gateways;

  private GatewayApi(
      ObjectClient<GatewayApiObject> tlsRoutes,
      GenericKubernetesApi<GatewayApiObject, GatewayApiObjectList> gateways) {
    this.tlsRoutes = tlsRoutes;
    this.gateways = gateways;
  }

  /** No Gateway API: TenantControlPlanes that ask for a gateway wait with a clear reason. */
  public static GatewayApi absent() {
    return new GatewayApi(null, null);
  }

  /**
   * Looks the API up and, if it is served, registers the TLSRoute informer on {@code factory}.
   *
   * @param watch the client for the informer (read timeout 0)
   * @param requests the client for reads and writes
   */
  public static GatewayApi discover(
      SharedInformerFactory factory, ApiClient watch, ApiClient requests) {
    Set<String> served;
    try {
      served = servedResources(requests);
    } catch (ApiException e) {
      LOG.warn("could not look up the Gateway API (HTTP {}); gateways are off", e.getCode());
      return absent();
    }
    if (!served.contains("tlsroutes") || !served.contains("gateways")) {
      return absent();
    }
    SharedIndexInformer<GatewayApiObject> informer =
        factory.sharedIndexInformerFor(
            new GenericKubernetesApi<>(
                GatewayApiObject.class,
                GatewayApiObjectList.class,
                GatewayApiObject.GROUP,
                GatewayApiObject.VERSION,
                "tlsroutes",
                watch),
            GatewayApiObject.class,
            KubeClients.RESYNC.toMillis());
    LOG.info(
        "the Gateway API serves TLSRoutes: TenantControlPlanes may use spec.controlPlane.gateway");
    return new GatewayApi(
        new KubeObjectClient<>(
            requests,
            GatewayApiObject.class,
            GatewayApiObjectList.class,
            GatewayApiObject.GROUP,
            GatewayApiObject.VERSION,
            "tlsroutes",
            "TLSRoute",
            true,
            informer),
        new GenericKubernetesApi<>(
            GatewayApiObject.class,
            GatewayApiObjectList.class,
            GatewayApiObject.GROUP,
            GatewayApiObject.VERSION,
            "gateways",
            requests));
  }

  /**
   * The resources the management cluster serves in {@code gateway.networking.k8s.io/v1}; empty when
   * it does not serve that group version.
   *
   * @throws ApiException when the lookup fails otherwise
   */
  public static Set<String> servedResources(ApiClient requests) throws ApiException {
    try {
      return new CustomObjectsApi(requests)
              .getAPIResources(GatewayApiObject.GROUP, GatewayApiObject.VERSION)
              .execute()
              .getResources()
              .stream()
              .map(V1APIResource::getName)
              .collect(Collectors.toSet());
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Set.of();
      }
      throw e;
    }
  }

  public boolean installed() {
    return tlsRoutes != null;
  }

  /**
   * @throws IllegalStateException if the API is not installed
   */
  public ObjectClient<GatewayApiObject> tlsRoutes() {
    if (tlsRoutes == null) {
      throw new IllegalStateException("the Gateway API is not installed");
    }
    return tlsRoutes;
  }

  /** The Gateway {@code namespace/name} as stored, if it exists. */
  public Optional<GatewayApiObject> gateway(String namespace, String name) {
    if (gateways == null) {
      return Optional.empty();
    }
    KubernetesApiResponse<GatewayApiObject> response = gateways.get(namespace, name);
    if (response.getHttpStatusCode() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccess()) {
      throw new KubeApiException(
          response.getHttpStatusCode(), "GET Gateway " + namespace + "/" + name);
    }
    return Optional.of(response.getObject());
  }
}
