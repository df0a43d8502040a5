package dev.controlplanes.kamaji.api.schema;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Schemas;
import org.junit.jupiter.api.Test;

class SchemaPrunerTest {

  private static final Schema SCHEMA =
      Schema.parse(
          json(
              """
              {type: 'object', properties: {
                apiVersion: {type: 'string'}, kind: {type: 'string'}, metadata: {type: 'object'},
                spec: {type: 'object', properties: {
                  a: {type: 'string'},
                  list: {type: 'array', items: {type: 'object', properties: {x: {type: 'string'}}}},
                  labels: {type: 'object', additionalProperties: {type: 'string'}},
                  free: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true,
                         properties: {known: {type: 'object', properties: {k: {type: 'string'}}}}},
                  empty: {type: 'object'}}}}}
              """));

  @Test
  void removesUndeclaredFieldsAndReportsTheirPaths() {
    JsonObject obj =
        json(
            """
            {apiVersion: 'v', kind: 'K', bogus: 1,
             spec: {a: 'x', b: 2, list: [{x: 'y', z: 1}, {z: 2}], empty: {gone: true}}}
            """);

    assertThat(SchemaPruner.prune(obj, SCHEMA))
        .containsExactly("bogus", "spec.b", "spec.list[0].z", "spec.list[1].z", "spec.empty.gone");
    assertThat(obj)
        .isEqualTo(
            json("{apiVersion: 'v', kind: 'K', spec: {a: 'x', list: [{x: 'y'}, {}], empty: {}}}"));
  }

  @Test
  void keepsMapEntriesAndPreservedFieldsButPrunesDeclaredChildrenOfPreservedNodes() {
    JsonObject obj =
        json(
            """
            {spec: {labels: {any: 'thing'},
                    free: {whatever: {deep: [1]}, known: {k: 'v', extra: 1}}}}
            """);

    assertThat(SchemaPruner.prune(obj, SCHEMA)).containsExactly("spec.free.known.extra");
    assertThat(obj.getAsJsonObject("spec").getAsJsonObject("free").has("whatever")).isTrue();
    assertThat(obj.getAsJsonObject("spec").getAsJsonObject("labels").has("any")).isTrue();
  }

  @Test
  void keepsOnlyObjectMetaFieldsInMetadata() {
    JsonObject obj =
        json(
            """
            {metadata: {name: 'n', namespace: 'ns', labels: {a: 'b'}, annotations: {},
                        finalizers: [], ownerReferences: [], uid: 'u', resourceVersion: '1',
                        generation: 1, creationTimestamp: null, managedFields: [], bogus: 1}}
            """);

    assertThat(SchemaPruner.prune(obj, SCHEMA)).containsExactly("metadata.bogus");
    assertThat(obj.getAsJsonObject("metadata").keySet()).hasSize(11);
  }

  @Test
  void prunesRealKindsAtAnyDepthIncludingEmbeddedKubernetesTypes() {
    JsonObject tcp =
        json(
            """
            {spec: {bogus: 1, controlPlane: {service: {serviceType: 'ClusterIP', oops: true},
                     deployment: {additionalContainers: [{name: 'c', anything: {goes: 1}}]}},
                    kubernetes: {version: 'v1.35.0', kubelet: {}},
                    spec: null},
             status: {kubernetesResources: {deployment: {nope: 1}}}}
            """);

    assertThat(SchemaPruner.prune(tcp, Schemas.tenantControlPlane()))
        .containsExactly(
            "spec.bogus",
            "spec.controlPlane.service.oops",
            "spec.controlPlane.deployment.additionalContainers[0].anything",
            "spec.spec",
            "status.kubernetesResources.deployment.nope");
  }

  @Test
  void keepsEveryFieldOfEmbeddedKubernetesTypesAndPrunesTheirUnknownOnes() {
    JsonObject tcp =
        json(
            """
            {spec: {controlPlane: {deployment: {
              additionalContainers: [{name: 'c', image: 'i', ports: [{containerPort: 80, bogus: 1}],
                                      resources: {limits: {cpu: '1'}}, typo: 'x'}],
              affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{matchExpressions: [{key: 'k', operator: 'In', values: ['v'],
                                                         extra: 1}]}]}}},
              strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '100%', maxUnavailable: 0}}}}}}
            """);
    JsonObject expected = tcp.deepCopy();

    assertThat(SchemaPruner.prune(tcp, Schemas.tenantControlPlane()))
        .containsExactly(
            "spec.controlPlane.deployment.additionalContainers[0].ports[0].bogus",
            "spec.controlPlane.deployment.additionalContainers[0].typo",
            "spec.controlPlane.deployment.affinity.nodeAffinity"
                + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                + ".matchExpressions[0].extra");
    JsonObject container =
        expected
            .getAsJsonObject("spec")
            .getAsJsonObject("controlPlane")
            .getAsJsonObject("deployment")
            .getAsJsonArray("additionalContainers")
            .get(0)
            .getAsJsonObject();
    container.remove("typo");
    container.getAsJsonArray("ports").get(0).getAsJsonObject().remove("bogus");
    expected
        .getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("deployment")
        .getAsJsonObject("affinity")
        .getAsJsonObject("nodeAffinity")
        .getAsJsonObject("requiredDuringSchedulingIgnoredDuringExecution")
        .getAsJsonArray("nodeSelectorTerms")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("matchExpressions")
        .get(0)
        .getAsJsonObject()
        .remove("extra");
    assertThat(tcp).isEqualTo(expected);
  }
}
