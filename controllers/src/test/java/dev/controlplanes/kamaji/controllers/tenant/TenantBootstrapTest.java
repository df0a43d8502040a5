package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.ControllerOptions.TenantEndpoint;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class TenantBootstrapTest {

  private static TenantControlPlane tcp(String state) {
    return new TenantControlPlane()
        .metadata(new V1ObjectMeta().namespace("ns").name("t").uid("u"))
        .status(
            new TenantControlPlaneStatus()
                .kubernetesResources(
                    new KubernetesResourcesStatus()
                        .version(new KubernetesVersionStatus().status(state))));
  }

  @Test
  void onlyAnInstalledAwakeTenantIsDialled() {
    assertThat(TenantBootstrap.eligible(tcp(VersionState.READY))).isTrue();
    assertThat(TenantBootstrap.eligible(tcp(VersionState.NOT_READY))).isTrue();
    assertThat(TenantBootstrap.eligible(tcp(VersionState.CERTIFICATE_AUTHORITY_ROTATING))).isTrue();
    assertThat(TenantBootstrap.eligible(tcp(VersionState.PROVISIONING))).isFalse();
    assertThat(TenantBootstrap.eligible(tcp(VersionState.SLEEPING))).isFalse();
    assertThat(TenantBootstrap.eligible(tcp(null))).isFalse();
    TenantControlPlane deleting = tcp(VersionState.READY);
    deleting.getMetadata().setDeletionTimestamp(OffsetDateTime.now());
    assertThat(TenantBootstrap.eligible(deleting)).isFalse();
  }

  @Test
  void retriesBackOffFromOneSecondToThirtySeconds() {
    assertThat(TenantBootstrap.backoff(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(TenantBootstrap.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(TenantBootstrap.backoff(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(TenantBootstrap.backoff(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(TenantBootstrap.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theEndpointOptionPicksTheServiceOrThePublicKubeconfig() {
    assertThat(TenantBootstrap.kubeconfigKey(TenantEndpoint.INTERNAL)).isEqualTo("super-admin.svc");
    assertThat(TenantBootstrap.kubeconfigKey(TenantEndpoint.EXTERNAL))
        .isEqualTo("super-admin.conf");
  }

  @Test
  void kubeadmsBindingsAndClusterInfo() {
    byte[] ca =
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.UTF_8);
    List<TenantRbac.TenantObject> objects = TenantRbac.objects("https://10.0.0.1:6443", ca);

    assertThat(objects)
        .extracting(TenantRbac.TenantObject::path)
        .containsExactly(
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:cluster-admins",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:apiserver-kubelet-client",
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/kubeadm:get-nodes",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:get-nodes",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:kubelet-bootstrap",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:node-autoapprove-bootstrap",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:node-autoapprove-certificate-rotation",
            "/api/v1/namespaces/kube-public/configmaps/cluster-info",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-public/roles/kubeadm:bootstrap-signer-clusterinfo",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/kube-public/rolebindings/kubeadm:bootstrap-signer-clusterinfo");
    JsonObject admins = objects.get(0).body();
    assertThat(admins.getAsJsonObject("roleRef").get("name").getAsString())
        .isEqualTo("cluster-admin");
    JsonObject subject = admins.getAsJsonArray("subjects").get(0).getAsJsonObject();
    assertThat(subject.get("kind").getAsString()).isEqualTo("Group");
    assertThat(subject.get("name").getAsString()).isEqualTo("kubeadm:cluster-admins");
    JsonObject kubelet = objects.get(1).body();
    assertThat(kubelet.getAsJsonObject("roleRef").get("name").getAsString())
        .isEqualTo("system:kubelet-api-admin");
    assertThat(
            kubelet.getAsJsonArray("subjects").get(0).getAsJsonObject().get("name").getAsString())
        .isEqualTo("kube-apiserver-kubelet-client");
    JsonObject getNodes = objects.get(2).body();
    assertThat(getNodes.getAsJsonArray("rules").get(0).toString())
        .isEqualTo("{\"apiGroups\":[\"\"],\"resources\":[\"nodes\"],\"verbs\":[\"get\"]}");
    JsonObject rotation = objects.get(6).body();
    assertThat(rotation.getAsJsonObject("roleRef").get("name").getAsString())
        .isEqualTo("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient");
    assertThat(
            rotation.getAsJsonArray("subjects").get(0).getAsJsonObject().get("name").getAsString())
        .isEqualTo("system:nodes");
    JsonObject reader = objects.get(9).body();
    assertThat(reader.getAsJsonArray("subjects").get(0).getAsJsonObject().get("name").getAsString())
        .isEqualTo("system:anonymous");

    String kubeconfig =
        objects.get(7).body().getAsJsonObject("data").get("kubeconfig").getAsString();
    Map<String, Object> parsed = new Yaml().load(kubeconfig);
    @SuppressWarnings("unchecked")
    Map<String, Object> cluster =
        (Map<String, Object>)
            ((Map<String, Object>) ((List<?>) parsed.get("clusters")).get(0)).get("cluster");
    assertThat(cluster.get("server")).isEqualTo("https://10.0.0.1:6443");
    assertThat(Base64.getDecoder().decode((String) cluster.get("certificate-authority-data")))
        .isEqualTo(ca);
    assertThat(parsed.get("users")).isNull();
  }

  @Test
  void anOwnedObjectIsControlledByItsOwnerAsApplied() {
    JsonObject owner =
        com.google.gson.JsonParser.parseString(
                "{\"apiVersion\": \"rbac.authorization.k8s.io/v1\", \"kind\": \"ClusterRoleBinding\","
                    + " \"metadata\": {\"name\": \"system:coredns\", \"uid\": \"u-1\"}}")
            .getAsJsonObject();
    JsonObject body =
        com.google.gson.JsonParser.parseString("{\"metadata\": {\"name\": \"coredns\"}}")
            .getAsJsonObject();
    TenantRbac.TenantObject object =
        new TenantRbac.TenantObject(
            "/api/v1/namespaces/kube-system/configmaps", "coredns", body, "/crb");

    TenantRbac.TenantObject owned = TenantBootstrap.owned(object, Map.of("/crb", owner));

    assertThat(owned.body().getAsJsonObject("metadata").get("ownerReferences").toString())
        .isEqualTo(
            "[{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\","
                + "\"name\":\"system:coredns\",\"uid\":\"u-1\",\"controller\":true,"
                + "\"blockOwnerDeletion\":true}]");
    assertThat(body.getAsJsonObject("metadata").has("ownerReferences")).isFalse();
    assertThat(TenantBootstrap.owned(new TenantRbac.TenantObject("/c", "n", body), Map.of()).body())
        .isSameAs(body);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TenantBootstrap.owned(object, Map.of()))
        .hasMessageContaining("/crb was not applied");
  }
}
