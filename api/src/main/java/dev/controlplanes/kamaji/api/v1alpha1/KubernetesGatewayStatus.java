package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** The TLSRoute's parent status plus the access points it exposes. */
public final class KubernetesGatewayStatus {
  private List<RouteParentStatus> parents;
  private RouteRef routeRef;
  private List<GatewayAccessPoint> accessPoints;

  public KubernetesGatewayStatus parents(List<RouteParentStatus> parents) {
    this.parents = parents;
    return this;
  }

  public List<RouteParentStatus> getParents() {
    return parents;
  }

  public void setParents(List<RouteParentStatus> parents) {
    this.parents = parents;
  }

  public KubernetesGatewayStatus routeRef(RouteRef routeRef) {
    this.routeRef = routeRef;
    return this;
  }

  public RouteRef getRouteRef() {
    return routeRef;
  }

  public void setRouteRef(RouteRef routeRef) {
    this.routeRef = routeRef;
  }

  public KubernetesGatewayStatus accessPoints(List<GatewayAccessPoint> accessPoints) {
    this.accessPoints = accessPoints;
    return this;
  }

  public List<GatewayAccessPoint> getAccessPoints() {
    return accessPoints;
  }

  public void setAccessPoints(List<GatewayAccessPoint> accessPoints) {
    this.accessPoints = accessPoints;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KubernetesGatewayStatus that = (KubernetesGatewayStatus) o;
    return Objects.equals(parents, that.parents)
        && Objects.equals(routeRef, that.routeRef)
        && Objects.equals(accessPoints, that.accessPoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parents, routeRef, accessPoints);
  }

  @Override
  public String toString() {
    return "KubernetesGatewayStatus{parents="
        + parents
        + ", routeRef="
        + routeRef
        + ", accessPoints="
        + accessPoints
        + "}";
  }
}
