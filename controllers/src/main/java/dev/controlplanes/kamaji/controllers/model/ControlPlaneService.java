package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalMetadata;
import dev.controlplanes.kamaji.api.v1alpha1.AdditionalPort;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.NetworkProfileSpec;
import dev.controlplanes.kamaji.api.v1alpha1.ServiceSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Service {@code <tcp>} exposing kube-apiserver (and konnectivity-server) (§3.2 items 3, 11).
 */
public final class ControlPlaneService {

  public static final String COMPONENT = "service";
  public static final String API_SERVER_PORT_NAME = "kube-apiserver";
  public static final String KONNECTIVITY_PORT_NAME = "konnectivity-server";
  public static final String CLUSTER_IP = "ClusterIP";
  public static final String NODE_PORT = "NodePort";
  public static final String LOAD_BALANCER = "LoadBalancer";

  private ControlPlaneService() {}

  public static V1Service build(TenantControlPlane tcp, ResolvedFacts facts) {
    ServiceSpec service = SpecDefaults.service(tcp);
    NetworkProfileSpec network = SpecDefaults.network(tcp);
    AdditionalMetadata extra = SpecDefaults.metadata(service.getAdditionalMetadata());
    String type = SpecDefaults.nonEmptyOr(service.getServiceType(), CLUSTER_IP);
    boolean nodePort = NODE_PORT.equals(type);
    int port = SpecDefaults.port(tcp);

    List<V1ServicePort> ports = new ArrayList<>();
    ports.add(port(API_SERVER_PORT_NAME, port, nodePort));
    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    if (konnectivity != null) {
      ports.add(
          port(KONNECTIVITY_PORT_NAME, SpecDefaults.konnectivityPort(konnectivity), nodePort));
    }
    for (AdditionalPort p :
        service.getAdditionalPorts() == null
            ? List.<AdditionalPort>of()
            : service.getAdditionalPorts()) {
      ports.add(
          new V1ServicePort()
              .name(p.getName())
              .protocol(Objects.requireNonNullElse(p.getProtocol(), "TCP"))
              .appProtocol(p.getAppProtocol())
              .port(p.getPort())
              .targetPort(p.getTargetPort()));
    }

    V1ServiceSpec spec =
        new V1ServiceSpec()
            .type(type)
            .selector(Labels.selector(tcp.getMetadata().getName()))
            .ports(ports)
            // The API server allocates these; client-java starts them as empty lists, which would
            // never match the allocated values and make every pass update the Service.
            .clusterIPs(null)
            .ipFamilies(null);
    if (LOAD_BALANCER.equals(type)) {
      // Kubernetes defaults allocateLoadBalancerNodePorts to true; writing the default keeps a
      // cleared field reverting to it instead of leaving the server's last value.
      spec.allocateLoadBalancerNodePorts(
          Objects.requireNonNullElse(service.getAllocateLoadBalancerNodePorts(), true));
      spec.loadBalancerClass(network.getLoadBalancerClass());
      if (network.getLoadBalancerSourceRanges() != null
          && !network.getLoadBalancerSourceRanges().isEmpty()) {
        spec.loadBalancerSourceRanges(network.getLoadBalancerSourceRanges());
      }
    } else if (Boolean.TRUE.equals(network.getAllowAddressAsExternalIP())
        && facts.address() != null
        && !facts.address().isEmpty()) {
      spec.externalIPs(List.of(facts.address()));
    }

    return new V1Service()
        .apiVersion("v1")
        .kind("Service")
        .metadata(
            Owners.metadata(
                tcp,
                Names.service(tcp),
                Labels.merge(
                    Labels.kamaji(tcp.getMetadata().getName(), COMPONENT), extra.getLabels()),
                Labels.merge(extra.getAnnotations())))
        .spec(spec);
  }

  /** A TCP port whose target is the same port; with NodePort the node port is that port too. */
  private static V1ServicePort port(String name, int port, boolean nodePort) {
    V1ServicePort p =
        new V1ServicePort().name(name).protocol("TCP").port(port).targetPort(new IntOrString(port));
    return nodePort ? p.nodePort(port) : p;
  }
}
