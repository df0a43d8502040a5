package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ConfigMap {@code <tcp>-konnectivity-egress-selector-configuration} (§3.2 item 9): sends
 * kube-apiserver's {@code cluster} traffic (to nodes, pods, services) to konnectivity-server over
 * gRPC on its unix socket.
 */
public final class KonnectivityEgressSelector {

  public static final String COMPONENT = "konnectivity-egress-selector-configuration";
  public static final String KEY = "egress-selector-configuration.yaml";

  /**
   * The document as Kamaji writes it (Go's JSON-to-YAML, keys sorted). It has no inputs, so it is a
   * constant.
   */
  public static final String CONFIGURATION =
      "apiVersion: apiserver.k8s.io/v1beta1\n"
          + "egressSelections:\n"
          + "- connection:\n"
          + "    proxyProtocol: GRPC\n"
          + "    transport:\n"
          + "      uds:\n"
          + "        udsName: "
          + ContainerPaths.KONNECTIVITY_SOCKET
          + "\n"
          + "  name: cluster\n"
          + "kind: EgressSelectorConfiguration\n";

  private KonnectivityEgressSelector() {}

  public static V1ConfigMap build(TenantControlPlane tcp) {
    SortedMap<String, String> data = new TreeMap<>();
    data.put(KEY, CONFIGURATION);
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(Labels.CHECKSUM_ANNOTATION, Checksums.ofConfigMapData(data));
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(
            Owners.metadata(
                tcp,
                Names.konnectivityEgressSelectorConfiguration(tcp),
                Labels.kamaji(tcp.getMetadata().getName(), COMPONENT),
                annotations))
        .data(data);
  }
}
