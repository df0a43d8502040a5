package dev.controlplanes.kamaji.apiserver.openapi;

import static dev.controlplanes.kamaji.apiserver.openapi.OpenApiFixtures.GV;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiV3DocumentTest {

  private static final String PREFIX = "#/components/schemas/";
  private static final String TCP = "io.clastix.kamaji.v1alpha1.TenantControlPlane";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  private final OpenApiDocument document =
      OpenApiFixtures.documents().v3GroupVersion(GV).orElseThrow();
  private final JsonObject json = OpenApiFixtures.parse(document);
  private final JsonObject schemas = json.getAsJsonObject("components").getAsJsonObject("schemas");

  @Test
  void isAnOpenApi30Document() {
    assertThat(json.get("openapi").getAsString()).isEqualTo("3.0.0");
    assertThat(json.getAsJsonObject("info").keySet()).containsExactly("title", "version");
  }

  @Test
  void everyReferenceResolvesInsideTheDocument() {
    List<String> refs = OpenApiFixtures.refs(json);

    assertThat(refs).isNotEmpty().allMatch(ref -> ref.startsWith(PREFIX));
    assertThat(refs)
        .allSatisfy(
            ref -> assertThat(schemas.has(ref.substring(PREFIX.length()))).as(ref).isTrue());
  }

  @Test
  void holdsOurKindsAndExactlyTheReferencedStandardDefinitions() {
    Set<String> referenced = new HashSet<>();
    OpenApiFixtures.refs(json).forEach(ref -> referenced.add(ref.substring(PREFIX.length())));

    assertThat(schemas.keySet())
        .containsExactlyInAnyOrder(
            TCP,
            TCP + "List",
            TCP + "Kubeconfig",
            "io.clastix.kamaji.v1alpha1.DataStore",
            "io.clastix.kamaji.v1alpha1.DataStoreList",
            META + "ObjectMeta",
            META + "ListMeta",
            META + "ManagedFieldsEntry",
            META + "OwnerReference",
            META + "Time",
            META + "FieldsV1",
            META + "Status",
            META + "StatusDetails",
            META + "StatusCause",
            META + "DeleteOptions",
            META + "Preconditions",
            META + "Patch",
            META + "WatchEvent",
            "io.k8s.apimachinery.pkg.runtime.RawExtension",
            "io.k8s.api.autoscaling.v1.Scale",
            "io.k8s.api.autoscaling.v1.ScaleSpec",
            "io.k8s.api.autoscaling.v1.ScaleStatus");
    assertThat(referenced)
        .containsAll(
            schemas.keySet().stream()
                .filter(
                    name ->
                        !name.equals("io.clastix.kamaji.v1alpha1.DataStore") && !name.equals(TCP))
                .toList());
  }

  @Test
  void kindsCarryGvkArraysThatKubectlExplainCanMatch() {
    assertThat(gvks(TCP))
        .containsExactly(gvk("kamaji.clastix.io", "v1alpha1", "TenantControlPlane"));
    assertThat(gvks(TCP + "List"))
        .containsExactly(gvk("kamaji.clastix.io", "v1alpha1", "TenantControlPlaneList"));
    assertThat(gvks(TCP + "Kubeconfig"))
        .containsExactly(gvk("kamaji.clastix.io", "v1alpha1", "TenantControlPlaneKubeconfig"));
    assertThat(gvks("io.clastix.kamaji.v1alpha1.DataStore"))
        .containsExactly(gvk("kamaji.clastix.io", "v1alpha1", "DataStore"));
    assertThat(gvks("io.k8s.api.autoscaling.v1.Scale"))
        .containsExactly(gvk("autoscaling", "v1", "Scale"));
    assertThat(gvks(META + "DeleteOptions"))
        .containsExactly(
            gvk("", "v1", "DeleteOptions"), gvk("kamaji.clastix.io", "v1alpha1", "DeleteOptions"));
  }

  @Test
  void kubectlExplainFindsEachResourceSchemaFromItsPaths() {
    // As kubectl's explain template: the GVK of the first get/post/put/patch/delete on the list or
    // item path, then the one schema whose GVK array contains it.
    for (String plural : List.of("tenantcontrolplanes", "datastores")) {
      JsonObject gvk = explainGvk(plural);
      List<String> matching =
          schemas.entrySet().stream()
              .filter(e -> e.getValue().getAsJsonObject().has("x-kubernetes-group-version-kind"))
              .filter(
                  e ->
                      e.getValue()
                          .getAsJsonObject()
                          .getAsJsonArray("x-kubernetes-group-version-kind")
                          .contains(gvk))
              .map(Map.Entry::getKey)
              .toList();
      assertThat(matching).as(plural).hasSize(1);
      assertThat(schemas.getAsJsonObject(matching.get(0)).getAsJsonObject("properties").has("spec"))
          .isTrue();
    }
  }

  @Test
  void metadataRefersToObjectMetaThroughAllOfAndTypeMetaIsDeclared() {
    JsonObject properties = schemas.getAsJsonObject(TCP).getAsJsonObject("properties");

    assertThat(properties.getAsJsonObject("metadata").getAsJsonArray("allOf"))
        .containsExactly(JsonParser.parseString("{\"$ref\":\"" + PREFIX + META + "ObjectMeta\"}"));
    assertThat(properties.getAsJsonObject("metadata").get("description").getAsString())
        .isNotBlank();
    assertThat(properties.getAsJsonObject("metadata").has("properties")).isFalse();
    assertThat(properties.getAsJsonObject("apiVersion").get("type").getAsString())
        .isEqualTo("string");
    assertThat(properties.getAsJsonObject("kind").get("type").getAsString()).isEqualTo("string");
    assertThat(
            schemas
                .getAsJsonObject(TCP + "List")
                .getAsJsonObject("properties")
                .getAsJsonObject("items")
                .getAsJsonObject("items")
                .get("$ref")
                .getAsString())
        .isEqualTo(PREFIX + TCP);
  }

  @Test
  void keepsTheSchemaButNotOurPrivateExtensions() {
    JsonObject spec = property(schemas.getAsJsonObject(TCP), "spec");
    JsonObject deployment = property(property(spec, "controlPlane"), "deployment");

    assertThat(OpenApiFixtures.text(document)).doesNotContain("x-kamaji-");
    assertThat(spec.get("description").getAsString()).isEqualTo("The desired control plane.");
    assertThat(spec.getAsJsonArray("required").toString())
        .isEqualTo("[\"controlPlane\",\"kubernetes\"]");
    assertThat(property(deployment, "replicas").get("default").getAsInt()).isEqualTo(2);
    assertThat(property(property(spec, "kubernetes"), "kubelet").get("nullable").getAsBoolean())
        .isTrue();
    assertThat(
            property(property(property(spec, "controlPlane"), "service"), "port")
                .getAsJsonArray("anyOf"))
        .hasSize(2);
  }

  @Test
  void embeddedResourcesGetTypeAndObjectMeta() {
    JsonObject podTemplate =
        property(
            property(
                property(property(schemas.getAsJsonObject(TCP), "spec"), "controlPlane"),
                "deployment"),
            "podTemplate");

    assertThat(podTemplate.getAsJsonObject("properties").keySet())
        .contains("apiVersion", "kind", "metadata");
    assertThat(podTemplate.getAsJsonArray("required").toString())
        .isEqualTo("[\"kind\",\"apiVersion\"]");
  }

  @Test
  void requestBodiesAndResponsesCarryTheRightDefinitions() {
    String ns = "/apis/kamaji.clastix.io/v1alpha1/namespaces/{namespace}/tenantcontrolplanes";
    assertThat(requestRef(ns, "post")).isEqualTo(TCP);
    assertThat(requestRef(ns + "/{name}", "put")).isEqualTo(TCP);
    assertThat(requestRef(ns + "/{name}/scale", "put"))
        .isEqualTo("io.k8s.api.autoscaling.v1.Scale");
    assertThat(responseRef(ns, "get", "200")).isEqualTo(TCP + "List");
    assertThat(responseRef(ns, "delete", "200")).isEqualTo(META + "Status");
    assertThat(responseRef(ns + "/{name}", "delete", "202")).isEqualTo(META + "Status");
    assertThat(responseRef(ns + "/{name}", "get", "200")).isEqualTo(TCP);
    assertThat(responseRef(ns + "/{name}/status", "patch", "200")).isEqualTo(TCP);
    assertThat(responseRef(ns + "/{name}/scale", "get", "200"))
        .isEqualTo("io.k8s.api.autoscaling.v1.Scale");
    assertThat(responseRef(ns + "/{name}/kubeconfig", "get", "200")).isEqualTo(TCP + "Kubeconfig");
    assertThat(responseRef("/apis/kamaji.clastix.io/v1alpha1/watch/datastores", "get", "200"))
        .isEqualTo(META + "WatchEvent");
    assertThat(operation(ns, "post").getAsJsonObject("responses").keySet())
        .containsExactly("200", "201", "202", "401");
  }

  @Test
  void patchBodiesListJsonPatchMergePatchAndApplyOnly() {
    for (ExpectedOperation expected : ExpectedOperation.all()) {
      if (!expected.method().equals("patch")) {
        continue;
      }
      JsonObject body = operation(expected.path(), "patch").getAsJsonObject("requestBody");
      assertThat(body.getAsJsonObject("content").keySet())
          .as(expected.toString())
          .containsExactlyInAnyOrder(
              "application/json-patch+json",
              "application/merge-patch+json",
              "application/apply-patch+yaml");
      assertThat(body.get("required").getAsBoolean()).isTrue();
      assertThat(
              body.getAsJsonObject("content")
                  .getAsJsonObject("application/merge-patch+json")
                  .getAsJsonObject("schema")
                  .get("$ref")
                  .getAsString())
          .isEqualTo(PREFIX + META + "Patch");
    }
  }

  @Test
  void deleteOptionsBodyIsOptionalAndListsMayStream() {
    String item = "/apis/kamaji.clastix.io/v1alpha1/datastores/{name}";
    JsonObject delete = operation(item, "delete").getAsJsonObject("requestBody");

    assertThat(delete.has("required")).isFalse();
    assertThat(
            operation("/apis/kamaji.clastix.io/v1alpha1/datastores", "get")
                .getAsJsonObject("responses")
                .getAsJsonObject("200")
                .getAsJsonObject("content")
                .keySet())
        .containsExactlyInAnyOrder(
            "application/json", "application/yaml", "application/json;stream=watch");
    assertThat(
            operation(item, "get")
                .getAsJsonObject("responses")
                .getAsJsonObject("200")
                .getAsJsonObject("content")
                .keySet())
        .containsExactlyInAnyOrder("application/json", "application/yaml");
  }

  private JsonObject operation(String path, String method) {
    return json.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
  }

  private String requestRef(String path, String method) {
    return operation(path, method)
        .getAsJsonObject("requestBody")
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema")
        .get("$ref")
        .getAsString()
        .substring(PREFIX.length());
  }

  private String responseRef(String path, String method, String code) {
    return operation(path, method)
        .getAsJsonObject("responses")
        .getAsJsonObject(code)
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema")
        .get("$ref")
        .getAsString()
        .substring(PREFIX.length());
  }

  private JsonObject explainGvk(String plural) {
    String base = "/apis/kamaji.clastix.io/v1alpha1/";
    for (String path :
        List.of(
            base + plural,
            base + plural + "/{name}",
            base + "namespaces/{namespace}/" + plural,
            base + "namespaces/{namespace}/" + plural + "/{name}")) {
      JsonObject item = json.getAsJsonObject("paths").getAsJsonObject(path);
      if (item == null) {
        continue;
      }
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        if (item.has(method)) {
          return item.getAsJsonObject(method).getAsJsonObject("x-kubernetes-group-version-kind");
        }
      }
    }
    throw new AssertionError("no path for " + plural);
  }

  private List<JsonElement> gvks(String definition) {
    JsonArray array =
        schemas.getAsJsonObject(definition).getAsJsonArray("x-kubernetes-group-version-kind");
    return array.asList();
  }

  private static JsonElement gvk(String group, String version, String kind) {
    return SchemaBuilder.gvkObject(new GroupVersionKind(group, version, kind));
  }

  private static JsonObject property(JsonObject schema, String name) {
    return schema.getAsJsonObject("properties").getAsJsonObject(name);
  }
}
