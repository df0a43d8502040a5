package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.AdditionalMetadata;
import dev.controlplanes.kamaji.api.v1alpha1.GatewaySpec;
import dev.controlplanes.kamaji.api.v1alpha1.ParentReference;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.GatewayApiObject;
import dev.controlplanes.kamaji.controllers.kube.KubeJson;

/**
 * The Gateway API TLSRoutes of a TenantControlPlane exposed through {@code
 * spec.controlPlane.gateway} (§3.2 item 14): {@code <tcp>} to the Service's API port, and, with the
 * konnectivity addon, {@code <tcp>-konnectivity} to its port, attached to the listener named
 * {@value #KONNECTIVITY_LISTENER} of each parent Gateway. Both route the gateway's hostname (TLS
 * passthrough by SNI, as the Gateway's listeners decide). Pure.
 */
public final class ControlPlaneTlsRoute {

  public static final String KIND = "TLSRoute";

  /** The listener a Gateway must have for the konnectivity route (Kamaji hard-codes it). */
  public static final String KONNECTIVITY_LISTENER = "konnectivity-server";

  /** The control plane's route, or the konnectivity server's. */
  public enum Route {
    CONTROL_PLANE("gateway_routes", ""),
    KONNECTIVITY("konnectivity_gateway_routes", "-konnectivity");

    private final String component;
    private final String suffix;

    Route(String component, String suffix) {
      this.component = component;
      this.suffix = suffix;
    }

    public String component() {
      return component;
    }

    public String name(TenantControlPlane tcp) {
      return tcp.getMetadata().getName() + suffix;
    }

    /** Whether the TenantControlPlane wants this route. */
    public boolean wanted(TenantControlPlane tcp) {
      return SpecDefaults.controlPlane(tcp).getGateway() != null
          && (this == CONTROL_PLANE || SpecDefaults.konnectivity(tcp) != null);
    }

    /** The Service port the route sends to. */
    public int port(TenantControlPlane tcp) {
      return this == CONTROL_PLANE
          ? SpecDefaults.port(tcp)
          : SpecDefaults.konnectivityPort(SpecDefaults.konnectivity(tcp));
    }
  }

  private ControlPlaneTlsRoute() {}

  /**
   * @throws IllegalArgumentException if the TCP has no gateway, no hostname, or (for the
   *     konnectivity route) no parent references
   */
  public static GatewayApiObject build(TenantControlPlane tcp, Route route) {
    GatewaySpec gateway = SpecDefaults.controlPlane(tcp).getGateway();
    if (gateway == null) {
      throw new IllegalArgumentException("the TenantControlPlane has no spec.controlPlane.gateway");
    }
    if (gateway.getHostname() == null || gateway.getHostname().isEmpty()) {
      throw new IllegalArgumentException(
          "missing hostname to expose the TenantControlPlane using a Gateway resource");
    }
    int port = route.port(tcp);
    JsonArray parents = new JsonArray();
    if (gateway.getParentRefs() != null) {
      for (ParentReference reference : gateway.getParentRefs()) {
        JsonObject parent = KubeJson.tree(reference);
        if (route == Route.KONNECTIVITY) {
          parent.addProperty("port", port);
          parent.addProperty("sectionName", KONNECTIVITY_LISTENER);
        }
        parents.add(parent);
      }
    }
    if (route == Route.KONNECTIVITY && parents.isEmpty()) {
      throw new IllegalArgumentException(
          "spec.controlPlane.gateway.parentRefs are needed to expose konnectivity");
    }
    JsonObject backend = new JsonObject();
    backend.addProperty("name", Names.service(tcp));
    backend.addProperty("port", port);
    JsonArray backends = new JsonArray();
    backends.add(backend);
    JsonObject rule = new JsonObject();
    rule.add("backendRefs", backends);
    JsonArray rules = new JsonArray();
    rules.add(rule);
    JsonArray hostnames = new JsonArray();
    hostnames.add(gateway.getHostname());
    JsonObject spec = new JsonObject();
    spec.add("parentRefs", parents);
    spec.add("hostnames", hostnames);
    spec.add("rules", rules);

    AdditionalMetadata extra = SpecDefaults.metadata(gateway.getAdditionalMetadata());
    return new GatewayApiObject()
        .apiVersion(GatewayApiObject.API_VERSION)
        .kind(KIND)
        .metadata(
            Owners.metadata(
                tcp,
                route.name(tcp),
                Labels.merge(
                    Labels.kamaji(tcp.getMetadata().getName(), route.component()),
                    extra.getLabels()),
                Labels.merge(extra.getAnnotations())))
        .spec(spec);
  }
}
