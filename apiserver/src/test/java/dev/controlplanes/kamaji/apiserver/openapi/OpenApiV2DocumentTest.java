package dev.controlplanes.kamaji.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiV2DocumentTest {

  private static final String PREFIX = "#/definitions/";
  private static final String TCP = "io.clastix.kamaji.v1alpha1.TenantControlPlane";
  private static final String ITEM =
      "/apis/kamaji.clastix.io/v1alpha1/namespaces/{namespace}/tenantcontrolplanes/{name}";

  private final OpenApiDocuments documents = OpenApiFixtures.documents();
  private final JsonObject json = OpenApiFixtures.parse(documents.v2());
  private final JsonObject definitions = json.getAsJsonObject("definitions");

  @Test
  void isASwagger20DocumentWhoseReferencesAllResolve() {
    List<String> refs = OpenApiFixtures.refs(json);

    assertThat(json.get("swagger").getAsString()).isEqualTo("2.0");
    assertThat(refs).isNotEmpty().allMatch(ref -> ref.startsWith(PREFIX));
    assertThat(refs)
        .allSatisfy(
            ref -> assertThat(definitions.has(ref.substring(PREFIX.length()))).as(ref).isTrue());
  }

  @Test
  void holdsTheSameDefinitionsAsTheV3Document() {
    JsonObject v3 =
        OpenApiFixtures.parse(documents.v3GroupVersion(OpenApiFixtures.GV).orElseThrow());

    assertThat(definitions.keySet())
        .isEqualTo(v3.getAsJsonObject("components").getAsJsonObject("schemas").keySet());
    assertThat(definitions.getAsJsonObject(TCP).getAsJsonArray("x-kubernetes-group-version-kind"))
        .containsExactly(
            SchemaBuilder.gvkObject(
                new GroupVersionKind("kamaji.clastix.io", "v1alpha1", "TenantControlPlane")));
  }

  @Test
  void patchConsumesNoStrategicMergePatchAndTakesAPatchBody() {
    for (ExpectedOperation expected : ExpectedOperation.all()) {
      if (!expected.method().equals("patch")) {
        continue;
      }
      JsonObject patch = OpenApiPathsTest.operation("v2", expected);
      assertThat(strings(patch.getAsJsonArray("consumes")))
          .as(expected.toString())
          .containsExactly(
              "application/json-patch+json",
              "application/merge-patch+json",
              "application/apply-patch+yaml");
      JsonObject body = patch.getAsJsonArray("parameters").get(0).getAsJsonObject();
      assertThat(body.get("in").getAsString()).isEqualTo("body");
      assertThat(body.get("required").getAsBoolean()).isTrue();
      assertThat(body.getAsJsonObject("schema").get("$ref").getAsString())
          .isEqualTo(PREFIX + "io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
    }
  }

  @Test
  void operationsDeclareMediaTypesSchemesAndTypedParameters() {
    JsonObject put = operation(ITEM, "put");
    JsonObject delete = operation(ITEM, "delete");

    assertThat(strings(put.getAsJsonArray("consumes")))
        .containsExactly("application/json", "application/yaml");
    assertThat(strings(put.getAsJsonArray("produces")))
        .containsExactly("application/json", "application/yaml");
    assertThat(strings(put.getAsJsonArray("schemes"))).containsExactly("https");
    assertThat(
            put.getAsJsonObject("responses")
                .getAsJsonObject("201")
                .getAsJsonObject("schema")
                .get("$ref")
                .getAsString())
        .isEqualTo(PREFIX + TCP);
    assertThat(
            delete
                .getAsJsonArray("parameters")
                .get(0)
                .getAsJsonObject()
                .get("required")
                .getAsBoolean())
        .isFalse();
    assertThat(operation(ITEM, "get").has("consumes")).isFalse();
    for (JsonElement parameter :
        operation(ITEM.replace("/{name}", ""), "get").getAsJsonArray("parameters")) {
      assertThat(parameter.getAsJsonObject().get("type").getAsString())
          .isIn("string", "integer", "boolean");
    }
  }

  @Test
  void metadataIsADescribedReference() {
    JsonObject metadata =
        definitions.getAsJsonObject(TCP).getAsJsonObject("properties").getAsJsonObject("metadata");

    assertThat(metadata.get("$ref").getAsString())
        .isEqualTo(PREFIX + "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(metadata.get("description").getAsString()).isNotBlank();
  }

  @Test
  void convertsTheSchemaAsKubePublishesCrdsInV2() {
    JsonObject spec = property(definitions.getAsJsonObject(TCP), "spec");
    JsonObject kubernetes = property(spec, "kubernetes");
    JsonObject kubelet = property(kubernetes, "kubelet");
    JsonObject deployment = property(property(spec, "controlPlane"), "deployment");
    JsonObject addons = property(spec, "addons");
    JsonObject podTemplate = property(deployment, "podTemplate");

    assertThat(kubelet.has("type")).isFalse();
    assertThat(kubelet.has("nullable")).isFalse();
    assertThat(kubelet.has("properties")).isFalse();
    assertThat(strings(kubernetes.getAsJsonArray("required"))).containsExactly("version");
    assertThat(addons.has("type")).isFalse();
    assertThat(addons.get("x-kubernetes-preserve-unknown-fields").getAsBoolean()).isTrue();
    assertThat(podTemplate.has("properties")).isFalse();
    assertThat(podTemplate.has("required")).isFalse();
    assertThat(property(deployment, "replicas").has("default")).isFalse();
    assertThat(property(property(property(spec, "controlPlane"), "service"), "port").has("anyOf"))
        .isFalse();
    assertThat(
            property(property(property(spec, "controlPlane"), "service"), "serviceType")
                .getAsJsonArray("enum"))
        .hasSize(3);
    assertThat(OpenApiFixtures.text(documents.v2())).doesNotContain("x-kamaji-");
  }

  private JsonObject operation(String path, String method) {
    return json.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
  }

  private static JsonObject property(JsonObject schema, String name) {
    return schema.getAsJsonObject("properties").getAsJsonObject(name);
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.getAsString()));
    return values;
  }
}
