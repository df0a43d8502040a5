package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The datastore-config Secret, the egress selector ConfigMap, the Ingress, Names. */
class SmallBuildersTest {

  @Test
  void dataStoreConfigSecret() {
    byte[] password = "s3cret-password".getBytes(StandardCharsets.UTF_8);
    V1Secret s =
        DataStoreConfigSecret.build(
            Fixtures.basic(), Fixtures.kine("PostgreSQL", true, true), password);
    assertThat(s.getMetadata().getName()).isEqualTo("tenant-a-datastore-config");
    assertThat(s.getMetadata().getFinalizers())
        .containsExactly("finalizer.kamaji.clastix.io/datastore-secret");
    assertThat(s.getMetadata().getLabels())
        .containsEntry("kamaji.clastix.io/component", "datastore-config");
    assertThat(s.getType()).isEqualTo("Opaque");
    assertThat(s.getData())
        .containsOnlyKeys("DB_CONNECTION_STRING", "DB_SCHEMA", "DB_USER", "DB_PASSWORD");
    assertThat(text(s, "DB_CONNECTION_STRING")).isEqualTo("db.example:5432");
    assertThat(text(s, "DB_SCHEMA")).isEqualTo(Fixtures.UID);
    assertThat(text(s, "DB_USER")).isEqualTo(Fixtures.UID);
    assertThat(text(s, "DB_PASSWORD")).isEqualTo("s3cret-password");
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry("kamaji.clastix.io/checksum", Checksums.ofSecretData(s.getData()));
    assertThat(
            text(
                DataStoreConfigSecret.build(Fixtures.basic(), Fixtures.etcd(), password),
                "DB_CONNECTION_STRING"))
        .isEmpty();
    // the output does not share the caller's password array
    password[0] = 'X';
    assertThat(text(s, "DB_PASSWORD")).isEqualTo("s3cret-password");
  }

  @Test
  void effectiveSchemaAndUserPreferStatusThenSpecThenUid() {
    TenantControlPlane tcp = Fixtures.basic();
    assertThat(ResolvedFacts.effectiveSchema(tcp)).isEqualTo(Fixtures.UID);
    tcp.getSpec().dataStoreSchema("from_spec").dataStoreUsername("user_spec");
    assertThat(ResolvedFacts.effectiveSchema(tcp)).isEqualTo("from_spec");
    assertThat(ResolvedFacts.effectiveUser(tcp)).isEqualTo("user_spec");
    tcp.status(
        new dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus()
            .storage(
                new dev.controlplanes.kamaji.api.v1alpha1.StorageStatus()
                    .setup(
                        new dev.controlplanes.kamaji.api.v1alpha1.DataStoreSetupStatus()
                            .schema("old_schema")
                            .user("old_user"))));
    assertThat(ResolvedFacts.effectiveSchema(tcp)).isEqualTo("old_schema");
    assertThat(ResolvedFacts.effectiveUser(tcp)).isEqualTo("old_user");
  }

  @Test
  @SuppressWarnings("unchecked")
  void egressSelectorConfiguration() {
    V1ConfigMap cm = KonnectivityEgressSelector.build(Fixtures.basic());
    assertThat(cm.getMetadata().getName())
        .isEqualTo("tenant-a-konnectivity-egress-selector-configuration");
    assertThat(cm.getMetadata().getLabels())
        .containsEntry("kamaji.clastix.io/component", "konnectivity-egress-selector-configuration");
    Map<String, Object> doc =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(cm.getData().get("egress-selector-configuration.yaml"));
    assertThat(doc)
        .containsEntry("apiVersion", "apiserver.k8s.io/v1beta1")
        .containsEntry("kind", "EgressSelectorConfiguration");
    List<Map<String, Object>> selections = (List<Map<String, Object>>) doc.get("egressSelections");
    assertThat(selections).hasSize(1);
    assertThat(selections.get(0))
        .isEqualTo(
            Map.of(
                "name",
                "cluster",
                "connection",
                Map.of(
                    "proxyProtocol",
                    "GRPC",
                    "transport",
                    Map.of(
                        "uds",
                        Map.of("udsName", "/run/konnectivity/konnectivity-server.socket")))));
  }

  @Test
  void ingress() {
    TenantControlPlane tcp =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    service: {serviceType: ClusterIP}\n"
                + "    ingress:\n"
                + "      ingressClassName: nginx\n"
                + "      hostname: \"tenant-a.example.org:443\"\n"
                + "      additionalMetadata: {labels: {a: b}, annotations: {nginx.ingress.kubernetes.io/ssl-passthrough: \"true\"}}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {}}\n"
                + "  networkProfile: {port: 7443}\n");
    V1Ingress ing = ControlPlaneIngress.build(tcp);
    assertThat(ing.getMetadata().getName()).isEqualTo("tenant-a");
    assertThat(ing.getMetadata().getLabels())
        .containsEntry("a", "b")
        .containsEntry("kamaji.clastix.io/component", "ingress");
    assertThat(ing.getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/ssl-passthrough", "true");
    assertThat(ing.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ing.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getHost()).isEqualTo("tenant-a.example.org");
              var path = rule.getHttp().getPaths().get(0);
              assertThat(path.getPath()).isEqualTo("/");
              assertThat(path.getPathType()).isEqualTo("Prefix");
              assertThat(path.getBackend().getService().getName()).isEqualTo("tenant-a");
              assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(7443);
            });

    tcp.getSpec().getControlPlane().getIngress().setHostname("");
    assertThatThrownBy(() -> ControlPlaneIngress.build(tcp))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ControlPlaneIngress.build(Fixtures.basic()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesFollowKamaji() {
    TenantControlPlane tcp = Fixtures.basic();
    assertThat(
            List.of(
                Names.ca(tcp),
                Names.frontProxyCa(tcp),
                Names.serviceAccount(tcp),
                Names.apiServerCertificate(tcp),
                Names.apiServerKubeletClientCertificate(tcp),
                Names.frontProxyClientCertificate(tcp),
                Names.adminKubeconfig(tcp),
                Names.controllerManagerKubeconfig(tcp),
                Names.schedulerKubeconfig(tcp),
                Names.dataStoreConfig(tcp),
                Names.dataStoreCertificate(tcp),
                Names.konnectivityCertificate(tcp),
                Names.konnectivityKubeconfig(tcp),
                Names.kubeadmConfig(tcp),
                Names.migrationJob(tcp)))
        .containsExactly(
            "tenant-a-ca",
            "tenant-a-front-proxy-ca-certificate",
            "tenant-a-sa-certificate",
            "tenant-a-api-server-certificate",
            "tenant-a-api-server-kubelet-client-certificate",
            "tenant-a-front-proxy-client-certificate",
            "tenant-a-admin-kubeconfig",
            "tenant-a-controller-manager-kubeconfig",
            "tenant-a-scheduler-kubeconfig",
            "tenant-a-datastore-config",
            "tenant-a-datastore-certificate",
            "tenant-a-konnectivity-certificate",
            "tenant-a-konnectivity-kubeconfig",
            "tenant-a-kubeadmconfig",
            "migrate-" + Fixtures.UID);
  }

  @Test
  void checksumsMatchKamajisDefinition() {
    // the values are concatenated in key order: a -> "ab", b -> "c" gives md5("abc")
    assertThat(Checksums.ofSecretData(Map.of())).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(Checksums.ofConfigMapData(Map.of("b", "c", "a", "ab")))
        .isEqualTo(Checksums.ofConfigMapData(Map.of("x", "abc")));
    assertThat(Checksums.ofStrings(List.of("ab", "c")))
        .isNotEqualTo(Checksums.ofStrings(List.of("a", "bc")));
  }

  private static String text(V1Secret s, String key) {
    return new String(s.getData().get(key), StandardCharsets.UTF_8);
  }
}
