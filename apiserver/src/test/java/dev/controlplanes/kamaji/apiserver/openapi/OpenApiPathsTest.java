package dev.controlplanes.kamaji.apiserver.openapi;

import static dev.controlplanes.kamaji.apiserver.openapi.OpenApiFixtures.GV;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Paths, operations and their kube extensions, identical in the v2 and the v3 document. */
class OpenApiPathsTest {

  private static final OpenApiDocuments DOCUMENTS = OpenApiFixtures.documents();
  private static final JsonObject V2 = OpenApiFixtures.parse(DOCUMENTS.v2());
  private static final JsonObject V3 =
      OpenApiFixtures.parse(DOCUMENTS.v3GroupVersion(GV).orElseThrow());

  static Stream<Arguments> operations() {
    return ExpectedOperation.all().stream()
        .flatMap(op -> Stream.of(Arguments.of("v2", op), Arguments.of("v3", op)));
  }

  static Stream<String> dialects() {
    return Stream.of("v2", "v3");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operations")
  void declaresTheOperationWithKubeExtensions(String dialect, ExpectedOperation expected) {
    JsonObject operation = operation(dialect, expected);

    assertThat(operation.get("x-kubernetes-action").getAsString()).isEqualTo(expected.action());
    assertThat(operation.get("operationId").getAsString()).isEqualTo(expected.operationId());
    assertThat(operation.get("x-kubernetes-group-version-kind").getAsJsonObject())
        .isEqualTo(SchemaBuilder.gvkObject(expected.gvk()));
    assertThat(operation.getAsJsonArray("tags"))
        .containsExactly(new com.google.gson.JsonPrimitive("kamajiClastixIo_v1alpha1"));
    assertThat(operation.get("description").getAsString()).isNotBlank();
    assertThat(operation.getAsJsonObject("responses").keySet()).contains("200", "401");
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void declaresNoOtherOperations(String dialect) {
    List<String> declared = new ArrayList<>();
    for (Map.Entry<String, JsonElement> path :
        document(dialect).getAsJsonObject("paths").entrySet()) {
      for (String key : path.getValue().getAsJsonObject().keySet()) {
        if (!key.equals("parameters")) {
          declared.add(key.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
        }
      }
    }

    assertThat(declared)
        .containsExactlyInAnyOrderElementsOf(
            ExpectedOperation.all().stream().map(ExpectedOperation::toString).toList());
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void everyPatchDeclaresFieldValidationInTheQuery(String dialect) {
    for (ExpectedOperation expected : ExpectedOperation.all()) {
      if (expected.method().equals("patch")) {
        assertThat(queryParameterNames(operation(dialect, expected)))
            .as(expected.toString())
            .containsExactly("dryRun", "fieldManager", "fieldValidation", "force");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void optionsFollowKubesOptionTypes(String dialect) {
    for (ExpectedOperation expected : ExpectedOperation.all()) {
      List<String> names = queryParameterNames(operation(dialect, expected));
      switch (expected.action()) {
        case "list", "watch", "watchlist" ->
            assertThat(names)
                .as(expected.toString())
                .containsExactly(
                    "allowWatchBookmarks",
                    "continue",
                    "fieldSelector",
                    "labelSelector",
                    "limit",
                    "resourceVersion",
                    "resourceVersionMatch",
                    "sendInitialEvents",
                    "timeoutSeconds",
                    "watch");
        case "post", "put" ->
            assertThat(names)
                .as(expected.toString())
                .containsExactly("dryRun", "fieldManager", "fieldValidation");
        case "delete" ->
            assertThat(names)
                .as(expected.toString())
                .containsExactly(
                    "dryRun",
                    "gracePeriodSeconds",
                    "ignoreStoreReadErrorWithClusterBreakingPotential",
                    "orphanDependents",
                    "propagationPolicy");
        case "deletecollection" ->
            assertThat(names)
                .as(expected.toString())
                .contains("labelSelector", "fieldSelector", "propagationPolicy", "dryRun")
                .doesNotContain("watch", "allowWatchBookmarks");
        case "get" ->
            assertThat(names)
                .as(expected.toString())
                .isEqualTo(
                    expected.path().endsWith("/kubeconfig")
                        ? List.of()
                        : List.of("resourceVersion"));
        default -> assertThat(names).as(expected.toString()).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void pathParametersAndPrettyAreDeclaredOnThePath(String dialect) {
    for (Map.Entry<String, JsonElement> path :
        document(dialect).getAsJsonObject("paths").entrySet()) {
      List<String> expected = new ArrayList<>();
      if (path.getKey().contains("{name}")) {
        expected.add("name path");
      }
      if (path.getKey().contains("{namespace}")) {
        expected.add("namespace path");
      }
      expected.add("pretty query");
      List<String> declared = new ArrayList<>();
      for (JsonElement parameter : path.getValue().getAsJsonObject().getAsJsonArray("parameters")) {
        JsonObject p = parameter.getAsJsonObject();
        declared.add(p.get("name").getAsString() + " " + p.get("in").getAsString());
        if (p.get("in").getAsString().equals("path")) {
          assertThat(p.get("required").getAsBoolean()).isTrue();
        }
      }
      assertThat(declared).as(path.getKey()).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void strategicMergePatchIsNeverAdvertised(String dialect) {
    String text =
        OpenApiFixtures.text(
            dialect.equals("v2") ? DOCUMENTS.v2() : DOCUMENTS.v3GroupVersion(GV).orElseThrow());

    assertThat(text).doesNotContain("strategic-merge-patch");
  }

  static JsonObject document(String dialect) {
    return dialect.equals("v2") ? V2 : V3;
  }

  static JsonObject operation(String dialect, ExpectedOperation expected) {
    JsonObject path = document(dialect).getAsJsonObject("paths").getAsJsonObject(expected.path());
    assertThat(path).as("path %s", expected.path()).isNotNull();
    JsonObject operation = path.getAsJsonObject(expected.method());
    assertThat(operation).as("operation %s", expected).isNotNull();
    return operation;
  }

  static List<String> queryParameterNames(JsonObject operation) {
    List<String> names = new ArrayList<>();
    JsonArray parameters = operation.getAsJsonArray("parameters");
    if (parameters != null) {
      for (JsonElement parameter : parameters) {
        JsonObject p = parameter.getAsJsonObject();
        if (p.get("in").getAsString().equals("query")) {
          names.add(p.get("name").getAsString());
        }
      }
    }
    return names;
  }
}
