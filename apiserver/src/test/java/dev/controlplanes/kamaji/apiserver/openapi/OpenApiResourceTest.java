package dev.controlplanes.kamaji.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.schema.Schema;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource.Verb;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiResourceTest {

  private static final Schema EMPTY = Schema.parse(new JsonObject());
  private static final OpenApiKind KIND =
      OpenApiKind.of("kamaji.clastix.io", "v1alpha1", "DataStore", EMPTY);

  @Test
  void definitionNamesReverseTheGroupAsKubeDoesForCrds() {
    assertThat(KIND.definitionName()).isEqualTo("io.clastix.kamaji.v1alpha1.DataStore");
  }

  @Test
  void factoriesDeriveTheListKind() {
    OpenApiResource resource =
        OpenApiResource.ofCluster(KIND, "datastores", OpenApiSubresource.status());

    assertThat(resource.listKind()).isEqualTo("DataStoreList");
    assertThat(resource.namespaced()).isFalse();
    assertThat(resource.listGvk().kind()).isEqualTo("DataStoreList");
  }

  @Test
  void rejectsInvalidInput() {
    assertThatThrownBy(() -> OpenApiResource.ofCluster(KIND, "DataStores"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                OpenApiResource.ofCluster(
                    KIND, "datastores", OpenApiSubresource.status(), OpenApiSubresource.status()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenApiKind.of("", "v1", "Pod", EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenApiSubresource.custom("kube-config", EnumSet.of(Verb.GET), KIND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> OpenApiSubresource.custom("kubeconfig", EnumSet.noneOf(Verb.class), KIND))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void operationIdsCamelCaseTheGroupAndVersionAsKubeDoes() {
    GroupVersionKind gvk = new GroupVersionKind("kamaji.clastix.io", "v1alpha1", "X");

    assertThat(OperationIds.groupVersionPart(gvk)).isEqualTo("KamajiClastixIoV1alpha1");
    assertThat(OperationIds.tag(gvk)).isEqualTo("kamajiClastixIo_v1alpha1");
    assertThat(OperationIds.groupVersionPart(new GroupVersionKind("apps.k8s.io", "v1", "X")))
        .isEqualTo("AppsV1");
  }

  @Test
  void aClusterScopedResourceWithoutSubresourcesStillDocumentsEveryVerb() {
    OpenApiDocuments documents =
        OpenApiDocuments.build(List.of(OpenApiResource.ofCluster(KIND, "datastores")));
    JsonObject paths =
        OpenApiFixtures.parse(documents.v3GroupVersion(KIND.gvk().toGroupVersion()).orElseThrow())
            .getAsJsonObject("paths");

    assertThat(paths.keySet())
        .containsExactlyInAnyOrder(
            "/apis/kamaji.clastix.io/v1alpha1/datastores",
            "/apis/kamaji.clastix.io/v1alpha1/datastores/{name}",
            "/apis/kamaji.clastix.io/v1alpha1/watch/datastores",
            "/apis/kamaji.clastix.io/v1alpha1/watch/datastores/{name}");
  }
}
