package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.LoadBalancerPendingException;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneService;
import io.kubernetes.client.openapi.models.V1LoadBalancerIngress;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.Optional;

/**
 * The tenant API server's address: the declared {@code networkProfile.address}, else the load
 * balancer's address for a LoadBalancer Service, else the ClusterIP (as Kamaji).
 */
public final class ControlPlaneAddress {

  private ControlPlaneAddress() {}

  /** From the live Service; a LoadBalancer without an address yet requeues. */
  public static String of(TenantControlPlane tcp, V1Service service) {
    Optional<String> declared = declared(tcp);
    if (declared.isPresent()) {
      return declared.get();
    }
    if (ControlPlaneService.LOAD_BALANCER.equals(service.getSpec().getType())) {
      if (service.getStatus() != null
          && service.getStatus().getLoadBalancer() != null
          && service.getStatus().getLoadBalancer().getIngress() != null) {
        for (V1LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
          if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
            return ingress.getIp();
          }
          if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
            return ingress.getHostname();
          }
        }
      }
      throw new LoadBalancerPendingException(
          service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
    }
    String clusterIp = service.getSpec().getClusterIP();
    if (clusterIp == null || clusterIp.isEmpty() || clusterIp.equals("None")) {
      throw new dev.controlplanes.kamaji.controllers.errors.RequeueException(
          "Service " + service.getMetadata().getName() + " has no cluster IP yet");
    }
    return clusterIp;
  }

  /** The address as recorded by the Service step ({@code status.controlPlaneEndpoint}). */
  public static Optional<String> known(TenantControlPlane tcp) {
    Optional<String> declared = declared(tcp);
    if (declared.isPresent()) {
      return declared;
    }
    String endpoint = tcp.getStatus() == null ? null : tcp.getStatus().getControlPlaneEndpoint();
    if (endpoint == null || endpoint.isEmpty()) {
      return Optional.empty();
    }
    int colon = endpoint.lastIndexOf(':');
    String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return Optional.of(host);
  }

  private static Optional<String> declared(TenantControlPlane tcp) {
    if (tcp.getSpec() == null
        || tcp.getSpec().getNetworkProfile() == null
        || tcp.getSpec().getNetworkProfile().getAddress() == null
        || tcp.getSpec().getNetworkProfile().getAddress().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tcp.getSpec().getNetworkProfile().getAddress());
  }

  /** {@code host:port}, with brackets for IPv6. */
  public static String endpoint(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
