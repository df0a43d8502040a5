package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class KubeadmConfigTest {

  @Test
  void documentsUseKubeadmV1beta4FieldNames() {
    V1ConfigMap cm = KubeadmConfig.build(Fixtures.basic(), Fixtures.etcd());
    assertThat(cm.getMetadata().getName()).isEqualTo("tenant-a-kubeadmconfig");
    assertThat(cm.getMetadata().getLabels())
        .containsEntry("kamaji.clastix.io/component", "kubeadmconfig");
    assertThat(cm.getMetadata().getAnnotations())
        .containsEntry("kamaji.clastix.io/checksum", Checksums.ofConfigMapData(cm.getData()));
    assertThat(cm.getData()).containsOnlyKeys("InitConfiguration", "ClusterConfiguration");

    JsonObject init =
        JsonParser.parseString(cm.getData().get("InitConfiguration")).getAsJsonObject();
    assertThat(init.get("apiVersion").getAsString()).isEqualTo("kubeadm.k8s.io/v1beta4");
    assertThat(init.get("kind").getAsString()).isEqualTo("InitConfiguration");
    // the field names of kubeadm's v1beta4 InitConfiguration (cmd/kubeadm/app/apis/kubeadm/v1beta4)
    assertThat(init.keySet())
        .isSubsetOf(
            Set.of(
                "apiVersion",
                "kind",
                "bootstrapTokens",
                "dryRun",
                "nodeRegistration",
                "localAPIEndpoint",
                "certificateKey",
                "skipPhases",
                "patches",
                "timeouts"));
    assertThat(init.getAsJsonObject("localAPIEndpoint").get("advertiseAddress").getAsString())
        .isEqualTo("172.18.255.200");
    assertThat(init.getAsJsonObject("localAPIEndpoint").get("bindPort").getAsInt()).isEqualTo(6443);
    assertThat(init.getAsJsonObject("nodeRegistration").keySet())
        .isSubsetOf(
            Set.of(
                "name",
                "criSocket",
                "taints",
                "kubeletExtraArgs",
                "ignorePreflightErrors",
                "imagePullPolicy",
                "imagePullSerial"));
    assertThat(init.getAsJsonObject("timeouts").keySet())
        .containsExactlyInAnyOrder(
            "controlPlaneComponentHealthCheck",
            "kubeletHealthCheck",
            "kubernetesAPICall",
            "etcdAPICall",
            "tlsBootstrap",
            "discovery",
            "upgradeManifests");
    assertThat(init.getAsJsonArray("bootstrapTokens").get(0).getAsJsonObject().keySet())
        .containsExactlyInAnyOrder("token", "ttl", "usages", "groups");

    JsonObject cluster =
        JsonParser.parseString(cm.getData().get("ClusterConfiguration")).getAsJsonObject();
    assertThat(cluster.get("kind").getAsString()).isEqualTo("ClusterConfiguration");
    assertThat(cluster.keySet())
        .isSubsetOf(
            Set.of(
                "apiVersion",
                "kind",
                "etcd",
                "networking",
                "kubernetesVersion",
                "controlPlaneEndpoint",
                "apiServer",
                "controllerManager",
                "scheduler",
                "dns",
                "proxy",
                "certificatesDir",
                "imageRepository",
                "featureGates",
                "clusterName",
                "encryptionAlgorithm",
                "certificateValidityPeriod",
                "caCertificateValidityPeriod"));
    assertThat(cluster.get("clusterName").getAsString()).isEqualTo("tenant-a");
    assertThat(cluster.get("kubernetesVersion").getAsString()).isEqualTo("v1.35.7");
    assertThat(cluster.get("controlPlaneEndpoint").getAsString()).isEqualTo("172.18.255.200:6443");
    assertThat(cluster.getAsJsonObject("networking").get("serviceSubnet").getAsString())
        .isEqualTo("10.96.0.0/16");
    assertThat(cluster.getAsJsonObject("networking").get("podSubnet").getAsString())
        .isEqualTo("10.244.0.0/16");
    assertThat(cluster.getAsJsonObject("networking").get("dnsDomain").getAsString())
        .isEqualTo("cluster.local");
    JsonObject external = cluster.getAsJsonObject("etcd").getAsJsonObject("external");
    assertThat(external.keySet())
        .containsExactlyInAnyOrder("endpoints", "caFile", "certFile", "keyFile");
    assertThat(strings(external.get("endpoints")))
        .containsExactly("etcd-0.etcd:2379", "etcd-1.etcd:2379");
    assertThat(
            cluster
                .getAsJsonObject("apiServer")
                .getAsJsonArray("extraArgs")
                .get(0)
                .getAsJsonObject()
                .keySet())
        .containsExactly("name", "value");
    assertThat(strings(cluster.getAsJsonObject("apiServer").get("certSANs")))
        .containsExactly(
            "127.0.0.1",
            "localhost",
            "tenant-a",
            "tenant-a.tenants.svc",
            "tenant-a.tenants.svc.cluster.local",
            "172.18.255.200");
  }

  @Test
  void sansEndpointAndNetworkingFromTheSpec() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane: {service: {serviceType: NodePort}}\n"
                + "  kubernetes: {version: v1.34.1, kubelet: {}}\n"
                + "  networkProfile:\n"
                + "    address: 192.168.1.10\n"
                + "    advertiseAddress: 10.0.0.1\n"
                + "    port: 31443\n"
                + "    clusterDomain: tenant.local\n"
                + "    certSANs: [api.example.org]\n"
                + "    serviceCidrs: [10.112.0.0/16, fd10::/108]\n"
                + "    podCidrs: [10.240.0.0/16]\n");
    V1ConfigMap cm =
        KubeadmConfig.build(
            tcp, Fixtures.kine(DataStoreDriver.MYSQL, false, false).withAddress("192.168.1.10"));
    JsonObject cluster =
        JsonParser.parseString(cm.getData().get("ClusterConfiguration")).getAsJsonObject();
    assertThat(cluster.get("controlPlaneEndpoint").getAsString()).isEqualTo("10.0.0.1:31443");
    assertThat(strings(cluster.getAsJsonObject("apiServer").get("certSANs")))
        .endsWith("192.168.1.10", "api.example.org", "10.0.0.1");
    assertThat(cluster.getAsJsonObject("networking").get("serviceSubnet").getAsString())
        .isEqualTo("10.112.0.0/16,fd10::/108");
    assertThat(cluster.getAsJsonObject("networking").get("dnsDomain").getAsString())
        .isEqualTo("tenant.local");
    assertThat(
            strings(cluster.getAsJsonObject("etcd").getAsJsonObject("external").get("endpoints")))
        .containsExactly("127.0.0.1:2379");
    JsonObject init =
        JsonParser.parseString(cm.getData().get("InitConfiguration")).getAsJsonObject();
    assertThat(init.getAsJsonObject("localAPIEndpoint").get("advertiseAddress").getAsString())
        .isEqualTo("192.168.1.10");
    assertThat(init.getAsJsonObject("localAPIEndpoint").get("bindPort").getAsInt())
        .isEqualTo(31443);
  }

  @Test
  void ingressAndGatewayHostnamesBecomeTheEndpoint() {
    TenantControlPlane ingress =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    service: {serviceType: ClusterIP}\n"
                + "    ingress: {hostname: \"api.example.org:443\"}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n");
    assertThat(KubeadmConfig.controlPlaneEndpoint(ingress, "10.96.0.5"))
        .isEqualTo("api.example.org:443");
    ingress.getSpec().getControlPlane().getIngress().setHostname("api.example.org");
    assertThat(KubeadmConfig.controlPlaneEndpoint(ingress, "10.96.0.5"))
        .isEqualTo("api.example.org:6443");

    TenantControlPlane gateway =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    service: {serviceType: ClusterIP}\n"
                + "    gateway: {hostname: \"gw.example.org:8443\", parentRefs: [{name: edge}]}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n");
    assertThat(KubeadmConfig.controlPlaneEndpoint(gateway, "10.96.0.5"))
        .isEqualTo("gw.example.org:8443");
    assertThat(KubeadmConfig.controlPlaneEndpoint(Fixtures.basic(), "fd00::5"))
        .isEqualTo("[fd00::5]:6443");
  }

  @Test
  void addressMustBeKnown() {
    assertThatThrownBy(
            () -> KubeadmConfig.build(Fixtures.basic(), Fixtures.etcd().withAddress(null)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<String> strings(JsonElement array) {
    return StreamSupport.stream(array.getAsJsonArray().spliterator(), false)
        .map(JsonElement::getAsString)
        .toList();
  }
}
