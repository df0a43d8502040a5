package dev.controlplanes.kamaji.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class SchemasTest {

  @Test
  void bothSchemasLoadAndAreCached() {
    assertThat(Schemas.tenantControlPlane()).isSameAs(Schemas.tenantControlPlane());
    assertThat(Schemas.dataStore()).isSameAs(Schemas.forKind("DataStore"));
    assertThat(Schemas.forKind("TenantControlPlane")).isSameAs(Schemas.tenantControlPlane());
    assertThat(Schemas.forKind("Other")).isNull();
    for (Schema root : List.of(Schemas.tenantControlPlane(), Schemas.dataStore())) {
      assertThat(root.properties())
          .containsOnlyKeys("apiVersion", "kind", "metadata", "spec", "status");
      assertThat(root.properties().get("metadata").type()).isEqualTo(Schema.Type.OBJECT);
    }
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> missing = new ArrayList<>();
    for (Schema root : List.of(Schemas.tenantControlPlane(), Schemas.dataStore())) {
      walk(
          root,
          "",
          (path, node) -> {
            if (!path.isEmpty() && !path.endsWith("[]") && blank(node.description())) {
              missing.add(path);
            }
          });
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void embeddedKubernetesTypesCarryTheirModelsFieldsAndPreserveNothingUnknown() {
    List<String> preserved = new ArrayList<>();
    List<String> embedded = new ArrayList<>();
    walk(
        Schemas.tenantControlPlane(),
        "",
        (path, node) -> {
          if (node.preservesUnknownFields()) {
            preserved.add(path);
          }
          if (node.kubernetesType() != null) {
            embedded.add(path);
            assertThat(node.type()).as(path).isEqualTo(Schema.Type.OBJECT);
            assertThat(node.properties()).as(path).isNotEmpty();
          }
        });
    // Only free-form values: a JSON patch's value (as in Kamaji's CRD) and managedFields' fieldsV1.
    assertThat(preserved)
        .containsExactlyInAnyOrder(
            "spec.kubernetes.kubelet.configurationJSONPatches[].value",
            "spec.controlPlane.deployment.additionalVolumes[].ephemeral.volumeClaimTemplate"
                + ".metadata.managedFields[].fieldsV1");
    assertThat(embedded)
        .hasSize(25)
        .contains(
            "spec.controlPlane.deployment.additionalContainers[]",
            "spec.controlPlane.deployment.strategy",
            "spec.addons.konnectivity.agent.tolerations[]",
            "status.kubernetesResources.service.loadBalancer");
    Schema containers =
        field(Schemas.tenantControlPlane(), "spec.controlPlane.deployment.additionalContainers");
    assertThat(containers.items().kubernetesType()).isEqualTo("V1Container");
    assertThat(containers.items().required()).containsExactly("name");
    assertThat(containers.items().properties().get("ports").items().properties())
        .containsKeys("containerPort", "hostIP", "hostPort", "name", "protocol");
  }

  @Test
  void embeddedKubernetesTypesCarryTheMergeMarkersAndDefaultsOfKamajisCrd() {
    Schema tcp = Schemas.tenantControlPlane();
    Schema container = field(tcp, "spec.controlPlane.deployment.additionalContainers").items();
    Schema ports = container.properties().get("ports");
    assertThat(ports.listType()).isEqualTo(Schema.ListType.MAP);
    assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
    assertThat(ports.items().properties().get("protocol").defaultValue().getAsString())
        .isEqualTo("TCP");
    assertThat(container.properties().get("env").listMapKeys()).containsExactly("name");
    assertThat(container.properties().get("volumeMounts").listMapKeys())
        .containsExactly("mountPath");
    assertThat(container.properties().get("args").listType()).isEqualTo(Schema.ListType.ATOMIC);
    Schema exitCodes =
        container.properties().get("restartPolicyRules").items().properties().get("exitCodes");
    assertThat(exitCodes.properties().get("values").listType()).isEqualTo(Schema.ListType.SET);
    assertThat(field(tcp, "spec.controlPlane.deployment.resources.apiServer.claims").listMapKeys())
        .containsExactly("name");

    Schema nodeAffinity = field(tcp, "spec.controlPlane.deployment.affinity.nodeAffinity");
    Schema required =
        nodeAffinity.properties().get("requiredDuringSchedulingIgnoredDuringExecution");
    assertThat(required.atomicMap()).isTrue();
    assertThat(required.properties().get("nodeSelectorTerms").items().atomicMap()).isTrue();
    assertThat(nodeAffinity.atomicMap()).isFalse();

    Schema volume = field(tcp, "spec.controlPlane.deployment.additionalVolumes").items();
    Schema configMap = volume.properties().get("configMap");
    assertThat(configMap.atomicMap()).isTrue();
    assertThat(configMap.properties().get("name").defaultValue().getAsString()).isEmpty();
    assertThat(volume.properties().get("secret").atomicMap()).isFalse();
  }

  @Test
  void fieldsNewerThanClientJavasModelsAreThoseOfKamajisCrd() {
    Schema podCertificate =
        field(Schemas.tenantControlPlane(), "spec.controlPlane.deployment.additionalVolumes")
            .items()
            .properties()
            .get("projected")
            .properties()
            .get("sources")
            .items()
            .properties()
            .get("podCertificate");
    Schema userAnnotations = podCertificate.properties().get("userAnnotations");
    assertThat(userAnnotations.type()).isEqualTo(Schema.Type.OBJECT);
    assertThat(userAnnotations.additionalProperties().type()).isEqualTo(Schema.Type.STRING);
    assertThat(userAnnotations.description()).startsWith("userAnnotations allow pod authors");
    assertThat(podCertificate.required()).containsExactlyInAnyOrder("keyType", "signerName");
  }

  @Test
  void tenantControlPlaneCarriesKamajisConstraints() {
    Schema tcp = Schemas.tenantControlPlane();
    assertThat(field(tcp, "spec").required())
        .containsExactlyInAnyOrder("controlPlane", "kubernetes");
    assertThat(field(tcp, "spec.controlPlane.service.serviceType").enumValues())
        .extracting(e -> e.getAsString())
        .containsExactly("ClusterIP", "NodePort", "LoadBalancer");
    assertThat(field(tcp, "spec.controlPlane.deployment.replicas").defaultValue())
        .isEqualTo(new JsonPrimitive(2));
    assertThat(field(tcp, "spec.networkProfile.clusterDomain").pattern()).isEqualTo(".*\\..*");
    assertThat(field(tcp, "spec.networkProfile.serviceCidrs").maxItems()).isEqualTo(2L);
    assertThat(field(tcp, "spec.networkProfile.dnsServiceIPs").maxItems()).isEqualTo(8L);
    assertThat(field(tcp, "spec.networkProfile.loadBalancerSourceRanges").maxItems())
        .isEqualTo(16L);
    Schema preferred = field(tcp, "spec.kubernetes.kubelet.preferredAddressTypes");
    assertThat(preferred.listType()).isEqualTo(Schema.ListType.SET);
    assertThat(preferred.minItems()).isEqualTo(1L);
    assertThat(field(tcp, "spec.kubernetes.admissionControllers").items().enumValues()).hasSize(37);
    assertThat((JsonArray) field(tcp, "spec.kubernetes.admissionControllers").defaultValue())
        .hasSize(17);
    assertThat(
            field(tcp, "spec.controlPlane.service.additionalPorts")
                .items()
                .properties()
                .get("targetPort")
                .intOrString())
        .isTrue();
    assertThat(field(tcp, "status.kubernetesResources.deployment.conditions").listMapKeys())
        .containsExactly("type");
    assertThat(field(tcp, "status.kubernetesResources.version.status").defaultValue().getAsString())
        .isEqualTo("Provisioning");
    assertThat(field(tcp, "spec.addons.konnectivity.agent.mode").enumValues()).hasSize(2);
  }

  @Test
  void dataStoreCarriesKamajisConstraints() {
    Schema ds = Schemas.dataStore();
    assertThat(field(ds, "spec").required()).containsExactlyInAnyOrder("driver", "endpoints");
    assertThat(field(ds, "spec.driver").enumValues())
        .extracting(e -> e.getAsString())
        .containsExactly("etcd", "MySQL", "PostgreSQL", "NATS");
    assertThat(field(ds, "spec.endpoints").minItems()).isEqualTo(1L);
    assertThat(field(ds, "spec.basicAuth.username.content").format()).isEqualTo("byte");
    assertThat(field(ds, "spec.basicAuth.username.secretReference").atomicMap()).isTrue();
    assertThat(field(ds, "status").required()).containsExactly("ready");
    assertThat(field(ds, "status.conditions").items().required())
        .containsExactlyInAnyOrder("lastTransitionTime", "message", "reason", "status", "type");
  }

  @Test
  void kindConstants() {
    assertThat(KamajiApi.API_VERSION).isEqualTo("kamaji.clastix.io/v1alpha1");
    assertThat(KamajiApi.TENANT_CONTROL_PLANE_SHORT_NAMES).containsExactly("tcp");
    assertThat(KamajiApi.TENANT_CONTROL_PLANE_CATEGORIES).containsExactly("kamaji");
    assertThat(KamajiApi.DATA_STORE_PLURAL).isEqualTo("datastores");
    assertThat(KamajiApi.DATA_STORE_NAMESPACED).isFalse();
  }

  static Schema field(Schema root, String dotted) {
    Schema node = root;
    for (String name : dotted.split("\\.")) {
      node = node.properties().get(name);
      assertThat(node).as(dotted).isNotNull();
    }
    return node;
  }

  private static void walk(Schema node, String path, BiConsumer<String, Schema> visitor) {
    visitor.accept(path, node);
    for (Map.Entry<String, Schema> e : node.properties().entrySet()) {
      walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), visitor);
    }
    if (node.items() != null) {
      walk(node.items(), path + "[]", visitor);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
