package dev.controlplanes.kamaji.controllers.resources.kubernetes;

import com.google.gson.JsonArray;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesGatewayStatus;
import dev.controlplanes.kamaji.api.v1alpha1.RouteParentStatus;
import dev.controlplanes.kamaji.api.v1alpha1.RouteRef;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.RequeueException;
import dev.controlplanes.kamaji.controllers.kube.GatewayApi;
import dev.controlplanes.kamaji.controllers.kube.GatewayApiObject;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneTlsRoute;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneTlsRoute.Route;
import dev.controlplanes.kamaji.controllers.model.GatewayAccessPoints;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TLSRoute of a TenantControlPlane exposed through a Gateway (§3.2 item 14): {@code <tcp>}, or
 * {@code <tcp>-konnectivity} with the konnectivity addon. Records the route's parents and access
 * points in {@code status.kubernetesResources.gateway} (or {@code
 * status.addons.konnectivity.gateway}); as Kamaji, a route that no Gateway has taken yet ends the
 * pass (retried, and at once when the route's status changes). Removed, with its status, when the
 * gateway goes.
 */
public final class GatewayRouteResource extends OwnedObjectResource<GatewayApiObject> {

  /** Retry while no Gateway controller has accepted the route (its status change requeues too). */
  static final Duration UNATTACHED_RETRY = Duration.ofSeconds(10);

  private final Route route;
  private final GatewayApi api;
  private KubernetesGatewayStatus desiredStatus;

  public GatewayRouteResource(TenantContext context, Route route) {
    super(context, routes(context), GatewayApiObject.class);
    this.route = route;
    this.api = context.clients().gatewayApi();
  }

  private static dev.controlplanes.kamaji.controllers.kube.ObjectClient<GatewayApiObject> routes(
      TenantContext context) {
    GatewayApi api = context.clients().gatewayApi();
    return api.installed() ? api.tlsRoutes() : null;
  }

  @Override
  public String name() {
    return route.component();
  }

  @Override
  public boolean shouldCleanup(TenantControlPlane tcp) {
    return !route.wanted(tcp);
  }

  @Override
  public WriteResult cleanUp(TenantControlPlane tcp) {
    desiredStatus = null;
    if (!api.installed()) {
      return WriteResult.UNCHANGED;
    }
    // Only a route this TenantControlPlane controls: one of that name may be someone else's.
    boolean ours =
        api.tlsRoutes()
            .cached(tcp.getMetadata().getNamespace(), route.name(tcp))
            .map(r -> r.getMetadata().getOwnerReferences())
            .filter(
                refs ->
                    refs.stream()
                        .anyMatch(
                            ref ->
                                Boolean.TRUE.equals(ref.getController())
                                    && Objects.equals(ref.getUid(), tcp.getMetadata().getUid())))
            .isPresent();
    return ours ? delete(tcp.getMetadata().getNamespace(), route.name(tcp)) : WriteResult.UNCHANGED;
  }

  @Override
  protected GatewayApiObject desired(TenantControlPlane tcp) {
    return ControlPlaneTlsRoute.build(tcp, route);
  }

  @Override
  public WriteResult createOrUpdate(TenantControlPlane tcp) {
    if (!api.installed()) {
      throw new RequeueException(
          "spec.controlPlane.gateway needs the Gateway API (TLSRoute, Gateway of "
              + GatewayApiObject.API_VERSION
              + ") in the management cluster",
          Duration.ofSeconds(30));
    }
    WriteResult result = super.createOrUpdate(tcp);
    GatewayApiObject stored = applied.object();
    JsonArray parents = GatewayAccessPoints.parents(stored);
    if (parents.size() != 1) {
      throw new RequeueException(
          (parents.isEmpty() ? "no" : "too many")
              + " Gateway attached to TLSRoute "
              + stored.getMetadata().getName(),
          UNATTACHED_RETRY);
    }
    List<RouteParentStatus> routeParents = new ArrayList<>();
    parents.forEach(p -> routeParents.add(KubeJson.object(p, RouteParentStatus.class)));
    desiredStatus =
        new KubernetesGatewayStatus()
            .parents(routeParents)
            .routeRef(new RouteRef().name(stored.getMetadata().getName()))
            .accessPoints(GatewayAccessPoints.of(stored, api::gateway));
    return result;
  }

  private KubernetesGatewayStatus recorded(TenantControlPlane tcp) {
    if (tcp.getStatus() == null) {
      return null;
    }
    if (route == Route.CONTROL_PLANE) {
      return tcp.getStatus().getKubernetesResources() == null
          ? null
          : tcp.getStatus().getKubernetesResources().getGateway();
    }
    KonnectivityStatus konnectivity =
        tcp.getStatus().getAddons() == null ? null : tcp.getStatus().getAddons().getKonnectivity();
    return konnectivity == null ? null : konnectivity.getGateway();
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    return !Objects.equals(recorded(tcp), desiredStatus);
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    if (route == Route.CONTROL_PLANE) {
      StatusFields.kubernetesResources(tcp).setGateway(desiredStatus);
    } else if (desiredStatus != null || recorded(tcp) != null) {
      StatusFields.konnectivity(tcp).setGateway(desiredStatus);
    }
  }
}
