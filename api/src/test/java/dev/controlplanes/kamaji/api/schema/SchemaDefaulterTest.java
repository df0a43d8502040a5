package dev.controlplanes.kamaji.api.schema;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Schemas;
import org.junit.jupiter.api.Test;

class SchemaDefaulterTest {

  private static JsonObject defaulted(String tcp) {
    JsonObject obj = json(tcp);
    SchemaDefaulter.apply(obj, Schemas.tenantControlPlane());
    return obj;
  }

  @Test
  void defaultsAbsentFieldsOfPresentObjectsOnly() {
    JsonObject tcp =
        defaulted("{spec: {networkProfile: {port: 7443}, controlPlane: {service: {}}}}");

    JsonObject network = tcp.getAsJsonObject("spec").getAsJsonObject("networkProfile");
    assertThat(network.get("port").getAsInt()).isEqualTo(7443);
    assertThat(network.get("clusterDomain").getAsString()).isEqualTo("cluster.local");
    assertThat(network.get("serviceCidr").getAsString()).isEqualTo("10.96.0.0/16");
    assertThat(network.get("podCidr").getAsString()).isEqualTo("10.244.0.0/16");
    assertThat(network.has("dnsServiceIPs")).isFalse();
    // deployment is absent, so its defaults (replicas, registrySettings...) do not apply
    assertThat(tcp.getAsJsonObject("spec").getAsJsonObject("controlPlane").has("deployment"))
        .isFalse();
    assertThat(tcp.getAsJsonObject("spec").has("kubernetes")).isFalse();
  }

  @Test
  void defaultsInsideDefaultedObjectsAndListItems() {
    JsonObject tcp =
        defaulted(
            """
            {spec: {addons: {konnectivity: {}},
                    controlPlane: {deployment: {}, service: {additionalPorts: [{name: 'a'}]}},
                    kubernetes: {kubelet: {}}}}
            """);

    assertThat(tcp.getAsJsonObject("spec").getAsJsonObject("addons"))
        .isEqualTo(
            json(
                """
                {konnectivity: {
                  server: {image: 'registry.k8s.io/kas-network-proxy/proxy-server', port: 8132},
                  agent: {image: 'registry.k8s.io/kas-network-proxy/proxy-agent', mode: 'DaemonSet',
                          tolerations: [{key: 'CriticalAddonsOnly', operator: 'Exists'}],
                          hostNetwork: false}}}
                """));
    JsonObject cp = tcp.getAsJsonObject("spec").getAsJsonObject("controlPlane");
    assertThat(cp.getAsJsonObject("deployment").get("replicas").getAsInt()).isEqualTo(2);
    assertThat(cp.getAsJsonObject("deployment").get("serviceAccountName").getAsString())
        .isEqualTo("default");
    assertThat(cp.getAsJsonObject("deployment").getAsJsonObject("registrySettings"))
        .isEqualTo(
            json(
                """
                {registry: 'registry.k8s.io', apiServerImage: 'kube-apiserver',
                 controllerManagerImage: 'kube-controller-manager', schedulerImage: 'kube-scheduler'}
                """));
    assertThat(cp.getAsJsonObject("deployment").getAsJsonObject("strategy"))
        .isEqualTo(
            json("{type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 0, maxSurge: '100%'}}"));
    assertThat(
            cp.getAsJsonObject("service")
                .getAsJsonArray("additionalPorts")
                .get(0)
                .getAsJsonObject())
        .isEqualTo(json("{name: 'a', protocol: 'TCP'}"));
    JsonObject kubernetes = tcp.getAsJsonObject("spec").getAsJsonObject("kubernetes");
    assertThat(kubernetes.getAsJsonObject("kubelet").getAsJsonArray("preferredAddressTypes"))
        .hasSize(3);
    assertThat(kubernetes.getAsJsonArray("admissionControllers")).hasSize(17);
  }

  @Test
  void defaultsInsideEmbeddedKubernetesTypesAsKamajisCrd() {
    JsonObject tcp =
        defaulted(
            """
            {spec: {controlPlane: {deployment: {
              additionalContainers: [{name: 'c', ports: [{containerPort: 80}, {containerPort: 53,
                protocol: 'UDP'}], env: [{name: 'E', valueFrom: {secretKeyRef: {key: 'k'}}}]}],
              additionalVolumes: [{name: 'v', configMap: {}}]}}}}
            """);

    JsonObject deployment =
        tcp.getAsJsonObject("spec").getAsJsonObject("controlPlane").getAsJsonObject("deployment");
    JsonObject container =
        deployment.getAsJsonArray("additionalContainers").get(0).getAsJsonObject();
    assertThat(container.getAsJsonArray("ports"))
        .isEqualTo(
            json("{p: [{containerPort: 80, protocol: 'TCP'}, {containerPort: 53, protocol: 'UDP'}]}")
                .get("p"));
    assertThat(container.getAsJsonArray("env").get(0))
        .isEqualTo(json("{name: 'E', valueFrom: {secretKeyRef: {key: 'k', name: ''}}}"));
    assertThat(deployment.getAsJsonArray("additionalVolumes").get(0))
        .isEqualTo(json("{name: 'v', configMap: {name: ''}}"));
  }

  @Test
  void keepsGivenValuesAndIsIdempotent() {
    JsonObject tcp =
        defaulted("{spec: {addons: {konnectivity: {agent: {mode: 'Deployment', replicas: 1}}}}}");
    JsonObject agent =
        tcp.getAsJsonObject("spec")
            .getAsJsonObject("addons")
            .getAsJsonObject("konnectivity")
            .getAsJsonObject("agent");
    assertThat(agent.get("mode").getAsString()).isEqualTo("Deployment");
    assertThat(agent.get("image").getAsString())
        .isEqualTo("registry.k8s.io/kas-network-proxy/proxy-agent");

    JsonObject again = tcp.deepCopy();
    SchemaDefaulter.apply(again, Schemas.tenantControlPlane());
    assertThat(again).isEqualTo(tcp);
  }

  @Test
  void replacesOrDropsNullsOfNonNullableFields() {
    JsonObject tcp =
        defaulted(
            """
            {spec: {networkProfile: {port: null, address: null},
                    controlPlane: {deployment: {nodeSelector: {a: null}}}},
             status: null}
            """);

    JsonObject network = tcp.getAsJsonObject("spec").getAsJsonObject("networkProfile");
    assertThat(network.get("port").getAsInt()).isEqualTo(6443);
    assertThat(network.has("address")).isFalse();
    assertThat(tcp.has("status")).isFalse();
    assertThat(
            tcp.getAsJsonObject("spec")
                .getAsJsonObject("controlPlane")
                .getAsJsonObject("deployment")
                .getAsJsonObject("nodeSelector")
                .has("a"))
        .isFalse();
  }

  @Test
  void defaultsStatusToo() {
    JsonObject tcp = defaulted("{status: {kubernetesResources: {version: {}}}}");
    assertThat(
            tcp.getAsJsonObject("status")
                .getAsJsonObject("kubernetesResources")
                .getAsJsonObject("version")
                .get("status")
                .getAsString())
        .isEqualTo("Provisioning");
  }
}
