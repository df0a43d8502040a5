package dev.controlplanes.kamaji.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.openapi.models.V1SubjectAccessReview;
import org.junit.jupiter.api.Test;

class LenientModelsTest {

  /** A Deployment as a newer kube-apiserver could send it: fields these models do not have. */
  private static final String NEWER_DEPLOYMENT =
      """
      {"apiVersion": "apps/v1", "kind": "Deployment", "futureTopLevel": 1,
       "metadata": {"name": "d", "labels": {"unknown-looking-key": "kept"}, "futureMeta": "x"},
       "spec": {"replicas": 2, "futureSpec": {"a": [1, 2]},
         "selector": {"matchLabels": {"app": "d"}},
         "template": {"metadata": {"labels": {"app": "d"}},
           "spec": {"containers": [{"name": "c", "image": "i", "futureContainerField": true,
             "ports": [{"containerPort": 80, "futurePortField": "y"}]}]}}},
       "status": {"replicas": 2, "futureStatusCount": 3}}
      """;

  private static final Gson LENIENT =
      JSON.getGson().newBuilder().registerTypeAdapterFactory(new LenientModels()).create();

  @Test
  void clientJavasModelsRefuseFieldsTheyDoNotKnow() {
    assertThatThrownBy(() -> JSON.getGson().fromJson(NEWER_DEPLOYMENT, V1Deployment.class))
        .hasMessageContaining("futureTopLevel");
  }

  @Test
  void withTheFactoryUnknownFieldsAreDroppedAtEveryDepthAndTheRestIsRead() {
    V1Deployment d = LENIENT.fromJson(NEWER_DEPLOYMENT, V1Deployment.class);

    assertThat(d.getMetadata().getName()).isEqualTo("d");
    assertThat(d.getMetadata().getLabels()).containsEntry("unknown-looking-key", "kept");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("i");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(80);
    assertThat(d.getStatus().getReplicas()).isEqualTo(2);
  }

  @Test
  void listsAndTreesAreReadTheSameWay() {
    String list =
        "{\"apiVersion\": \"apps/v1\", \"kind\": \"DeploymentList\", \"futureListField\": 1,"
            + " \"metadata\": {\"resourceVersion\": \"7\"}, \"items\": ["
            + NEWER_DEPLOYMENT
            + "]}";
    V1DeploymentList decoded = LENIENT.fromJson(list, V1DeploymentList.class);
    assertThat(decoded.getItems()).hasSize(1);
    assertThat(decoded.getItems().get(0).getStatus().getReplicas()).isEqualTo(2);

    V1Deployment fromTree =
        LENIENT.fromJson(JsonParser.parseString(NEWER_DEPLOYMENT), V1Deployment.class);
    assertThat(fromTree.getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void aDelegatedCheckFromANewerClusterStillReads() {
    String review =
        """
        {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
         "spec": {"user": "u", "resourceAttributes": {"verb": "get", "futureSelector": {}}},
         "status": {"allowed": true, "futureReasonCode": 4}}
        """;
    assertThat(LENIENT.fromJson(review, V1SubjectAccessReview.class).getStatus().getAllowed())
        .isTrue();
  }

  @Test
  void ourKindsReachTheModelsTheyEmbed() {
    // Kamaji's CRD has podCertificate.userAnnotations, which these models (Kubernetes 1.34) lack.
    String tcp =
        """
        {"apiVersion": "kamaji.clastix.io/v1alpha1", "kind": "TenantControlPlane",
         "metadata": {"name": "t"},
         "spec": {"controlPlane": {"deployment": {"additionalVolumes": [{"name": "v",
           "projected": {"sources": [{"podCertificate": {"signerName": "s", "keyType": "ED25519",
             "userAnnotations": {"example.com/a": "b"}}}]}}]}}}}
        """;
    TenantControlPlane decoded = LENIENT.fromJson(tcp, TenantControlPlane.class);
    var certificate =
        decoded
            .getSpec()
            .getControlPlane()
            .getDeployment()
            .getAdditionalVolumes()
            .get(0)
            .getProjected()
            .getSources()
            .get(0)
            .getPodCertificate();
    assertThat(certificate.getSignerName()).isEqualTo("s");
  }

  @Test
  void nullValuesStayNull() {
    assertThat(LENIENT.fromJson("null", V1Deployment.class)).isNull();
    assertThat(LENIENT.fromJson("{\"metadata\": null}", V1Deployment.class).getMetadata()).isNull();
  }
}
