package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ServiceAccountTokenProjection;
import org.junit.jupiter.api.Test;

class KonnectivityAgentTest {

  private static TenantControlPlane withAgent(String agent) {
    return Fixtures.tcpWithSpec(
        "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
            + "  addons: {konnectivity: {server: {port: 8132}, agent: "
            + agent
            + "}}\n");
  }

  @Test
  void aDaemonSetOfUpstreamAgentsWithKamajisArguments() {
    TenantControlPlane tcp = withAgent("{}");

    V1DaemonSet daemonSet = (V1DaemonSet) KonnectivityAgent.workload(tcp, "10.0.0.7");

    assertThat(daemonSet.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(daemonSet.getMetadata().getLabels())
        .containsEntry(Labels.PROJECT, "kamaji")
        .containsEntry(Labels.NAME, "tenant-a")
        .containsEntry(Labels.COMPONENT, "konnectivity-agent");
    assertThat(daemonSet.getSpec().getSelector().getMatchLabels())
        .containsExactlyEntriesOf(java.util.Map.of("k8s-app", "konnectivity-agent"));
    V1PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(pod.getServiceAccountName()).isEqualTo("konnectivity-agent");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getHostNetwork()).isNull();
    V1Container agent = pod.getContainers().get(0);
    assertThat(agent.getImage()).isEqualTo("registry.k8s.io/kas-network-proxy/proxy-agent:v0.35.0");
    assertThat(agent.getCommand()).containsExactly("/proxy-agent");
    assertThat(agent.getArgs())
        .containsExactly(
            "--admin-server-port=8133",
            "--ca-cert=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
            "--health-server-port=8134",
            "--logtostderr=true",
            "--proxy-server-host=10.0.0.7",
            "--proxy-server-port=8132",
            "--service-account-token-path=/var/run/secrets/tokens/konnectivity-agent-token",
            "-v=8");
    assertThat(agent.getLivenessProbe().getHttpGet().getPort().getIntValue()).isEqualTo(8134);
    V1ServiceAccountTokenProjection token =
        pod.getVolumes().get(0).getProjected().getSources().get(0).getServiceAccountToken();
    assertThat(token.getAudience()).isEqualTo("system:konnectivity-server");
    assertThat(token.getExpirationSeconds()).isEqualTo(3600L);
    assertThat(agent.getVolumeMounts().get(0).getMountPath()).isEqualTo("/var/run/secrets/tokens");
  }

  @Test
  void aDeploymentWithItsReplicasTolerationsVersionAndExtraArguments() {
    TenantControlPlane tcp =
        withAgent(
            "{mode: Deployment, replicas: 3, version: v0.34.1, hostNetwork: true,"
                + " extraArgs: ['-v=2', '--keepalive-time=30s'],"
                + " tolerations: [{key: CriticalAddonsOnly, operator: Exists}]}");

    V1Deployment deployment = (V1Deployment) KonnectivityAgent.workload(tcp, "10.0.0.7");

    assertThat(KonnectivityAgent.kind(SpecDefaults.konnectivity(tcp))).isEqualTo("Deployment");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getTolerations()).hasSize(1);
    V1Container agent = pod.getContainers().get(0);
    assertThat(agent.getImage()).endsWith("proxy-agent:v0.34.1");
    assertThat(agent.getArgs()).contains("-v=2", "--keepalive-time=30s").doesNotContain("-v=8");
  }

  @Test
  void theAgentsDialTheAdvertisedAddressOrTheGatewayHostname() {
    TenantControlPlane advertised =
        Fixtures.tcpWithSpec(
            "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  networkProfile: {advertiseAddress: 203.0.113.9}\n"
                + "  addons: {konnectivity: {}}\n");
    TenantControlPlane gateway =
        Fixtures.tcpWithSpec(
            "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  controlPlane: {gateway: {hostname: 'tenant.example.org:443'}}\n"
                + "  addons: {konnectivity: {}}\n");

    assertThat(KonnectivityAgent.args(advertised, "10.0.0.7"))
        .contains("--proxy-server-host=203.0.113.9");
    assertThat(KonnectivityAgent.args(gateway, "10.0.0.7"))
        .contains("--proxy-server-host=tenant.example.org", "--proxy-server-port=8132");
  }
}
