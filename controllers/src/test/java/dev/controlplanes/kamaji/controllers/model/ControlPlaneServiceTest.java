package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPlaneServiceTest {

  @Test
  void loadBalancerWithItsFields() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    service:\n"
                + "      serviceType: LoadBalancer\n"
                + "      additionalMetadata: {labels: {exposure: lb}, annotations: {lb.example/scheme: internal}}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  networkProfile:\n"
                + "    loadBalancerClass: example.org/lb\n"
                + "    loadBalancerSourceRanges: [10.0.0.0/8]\n"
                + "    allowAddressAsExternalIP: true\n");
    V1Service svc = ControlPlaneService.build(tcp, Fixtures.etcd());

    assertThat(svc.getMetadata().getName()).isEqualTo("tenant-a");
    assertThat(svc.getMetadata().getNamespace()).isEqualTo("tenants");
    assertThat(svc.getMetadata().getLabels())
        .containsExactly(
            Map.entry("exposure", "lb"),
            Map.entry("kamaji.clastix.io/component", "service"),
            Map.entry("kamaji.clastix.io/name", "tenant-a"),
            Map.entry("kamaji.clastix.io/project", "kamaji"));
    assertThat(svc.getMetadata().getAnnotations())
        .containsExactly(Map.entry("lb.example/scheme", "internal"));
    assertThat(svc.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getController()).isTrue());
    assertThat(svc.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(svc.getSpec().getSelector())
        .containsExactly(Map.entry("kamaji.clastix.io/name", "tenant-a"));
    assertThat(svc.getSpec().getAllocateLoadBalancerNodePorts()).isTrue();
    assertThat(svc.getSpec().getLoadBalancerClass()).isEqualTo("example.org/lb");
    assertThat(svc.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
    // externalIPs are for ClusterIP and NodePort only
    assertThat(svc.getSpec().getExternalIPs()).isNullOrEmpty();
    assertThat(svc.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("kube-apiserver");
              assertThat(p.getProtocol()).isEqualTo("TCP");
              assertThat(p.getPort()).isEqualTo(6443);
              assertThat(p.getTargetPort().getIntValue()).isEqualTo(6443);
              assertThat(p.getNodePort()).isNull();
            });

    tcp.getSpec().getControlPlane().getService().setAllocateLoadBalancerNodePorts(false);
    assertThat(
            ControlPlaneService.build(tcp, Fixtures.etcd())
                .getSpec()
                .getAllocateLoadBalancerNodePorts())
        .isFalse();
  }

  @Test
  void nodePortUsesThePortAsNodePortAndExternalIp() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    service:\n"
                + "      serviceType: NodePort\n"
                + "      additionalPorts:\n"
                + "        - {name: metrics, port: 9100, targetPort: 9100}\n"
                + "        - {name: webhook, protocol: UDP, appProtocol: https, port: 9443, targetPort: webhook}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  networkProfile: {address: 192.168.1.10, port: 31443, allowAddressAsExternalIP: true}\n"
                + "  addons:\n"
                + "    konnectivity: {server: {port: 31132}}\n");
    V1Service svc = ControlPlaneService.build(tcp, Fixtures.etcd().withAddress("192.168.1.10"));
    assertThat(svc.getSpec().getType()).isEqualTo("NodePort");
    assertThat(svc.getSpec().getExternalIPs()).containsExactly("192.168.1.10");
    assertThat(svc.getSpec().getAllocateLoadBalancerNodePorts()).isNull();
    assertThat(svc.getSpec().getPorts())
        .extracting(ControlPlaneServiceTest::describe)
        .containsExactly(
            "kube-apiserver TCP 31443->31443 node=31443",
            "konnectivity-server TCP 31132->31132 node=31132",
            "metrics TCP 9100->9100 node=null",
            "webhook UDP 9443->webhook node=null");
    assertThat(svc.getSpec().getPorts().get(3).getAppProtocol()).isEqualTo("https");
  }

  @Test
  void clusterIpOnlyGetsExternalIpWhenAllowedAndKnown() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane: {service: {serviceType: ClusterIP}}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  addons: {konnectivity: {}}\n");
    V1Service svc = ControlPlaneService.build(tcp, Fixtures.etcd());
    assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(svc.getSpec().getExternalIPs()).isNullOrEmpty();
    assertThat(svc.getSpec().getPorts())
        .extracting(ControlPlaneServiceTest::describe)
        .containsExactly(
            "kube-apiserver TCP 6443->6443 node=null",
            "konnectivity-server TCP 8132->8132 node=null");

    tcp.getSpec()
        .setNetworkProfile(
            new dev.controlplanes.kamaji.api.v1alpha1.NetworkProfileSpec()
                .allowAddressAsExternalIP(true));
    assertThat(ControlPlaneService.build(tcp, Fixtures.etcd()).getSpec().getExternalIPs())
        .containsExactly("172.18.255.200");
    assertThat(
            ControlPlaneService.build(tcp, Fixtures.etcd().withAddress(null))
                .getSpec()
                .getExternalIPs())
        .isNullOrEmpty();
  }

  private static String describe(V1ServicePort p) {
    return p.getName()
        + " "
        + p.getProtocol()
        + " "
        + p.getPort()
        + "->"
        + p.getTargetPort()
        + " node="
        + p.getNodePort();
  }
}
