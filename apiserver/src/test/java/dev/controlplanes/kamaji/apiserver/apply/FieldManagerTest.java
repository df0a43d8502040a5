package dev.controlplanes.kamaji.apiserver.apply;

import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.API_VERSION;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.SCHEMA;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.T0;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.T1;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.T2;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.entryOf;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.fieldsOf;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.json;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.api.patch.MergePatch;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldManagerTest {

  private final FieldManager fieldManager = new FieldManager(SCHEMA);

  private JsonObject created() {
    JsonObject tcp =
        tcp(
            "{\"replicas\":2,\"kubernetes\":{\"version\":\"v1.30.0\"},"
                + "\"addons\":[{\"name\":\"coredns\",\"image\":\"c:1\"}],\"tags\":[\"a\"],"
                + "\"certSANs\":[\"x\"]}");
    tcp.getAsJsonObject("metadata").add("labels", json("{\"app\":\"t\"}"));
    return fieldManager.update(null, tcp, "kubectl-create", "", T0);
  }

  private static JsonObject merge(JsonObject live, String patch) {
    return MergePatch.apply(live, json(patch)).getAsJsonObject();
  }

  @Test
  void createOwnsEverythingButSystemMetadata() {
    JsonObject created = created();

    assertThat(ManagedFields.read(created)).hasSize(1);
    ManagedFieldsEntry entry = entryOf(created, "kubectl-create");
    assertThat(entry.operation()).isEqualTo(ManagedFieldsEntry.Operation.UPDATE);
    assertThat(entry.apiVersion()).isEqualTo(API_VERSION);
    assertThat(entry.time()).isEqualTo(T0);
    assertThat(entry.subresource()).isEmpty();
    assertThat(entry.fields().toFieldsV1())
        .isEqualTo(
            json(
"""
{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
 "f:spec":{".":{},"f:addons":{".":{},"k:{\\"name\\":\\"coredns\\"}":{".":{},"f:image":{},"f:name":{}}},
   "f:certSANs":{},"f:kubernetes":{".":{},"f:version":{}},"f:replicas":{},
   "f:tags":{".":{},"v:\\"a\\"":{}}}}
"""));
  }

  @Test
  void anUpdateTakesChangedFieldsFromOtherManagers() {
    JsonObject live = created();
    JsonObject edited = merge(live, "{\"spec\":{\"replicas\":3,\"tags\":[\"a\",\"b\"]}}");

    JsonObject updated = fieldManager.update(live, edited, "kubectl-edit", "", T1);

    assertThat(fieldsOf(updated, "kubectl-edit"))
        .isEqualTo(json("{\"f:spec\":{\"f:replicas\":{},\"f:tags\":{\"v:\\\"b\\\"\":{}}}}"));
    assertThat(fieldsOf(updated, "kubectl-create").getAsJsonObject("f:spec").has("f:replicas"))
        .isFalse();
    assertThat(fieldsOf(updated, "kubectl-create").getAsJsonObject("f:spec").has("f:tags"))
        .isTrue();
    assertThat(entryOf(updated, "kubectl-edit").time()).isEqualTo(T1);
    assertThat(entryOf(updated, "kubectl-create").time()).isEqualTo(T0);
    assertThat(ManagedFields.read(updated))
        .extracting(ManagedFieldsEntry::manager)
        .containsExactly("kubectl-create", "kubectl-edit");
  }

  @Test
  void labelAndAnnotateWritesAreTrackedPerManager() {
    JsonObject live = created();
    JsonObject labelled =
        fieldManager.update(
            live,
            merge(live, "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}"),
            "kubectl-label",
            "",
            T1);
    JsonObject annotated =
        fieldManager.update(
            labelled,
            merge(labelled, "{\"metadata\":{\"annotations\":{\"note\":\"x\"}}}"),
            "kubectl-annotate",
            "",
            T2);

    assertThat(fieldsOf(annotated, "kubectl-label"))
        .isEqualTo(json("{\"f:metadata\":{\"f:labels\":{\"f:tier\":{}}}}"));
    assertThat(fieldsOf(annotated, "kubectl-annotate"))
        .isEqualTo(json("{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:note\":{}}}}"));
    assertThat(fieldsOf(annotated, "kubectl-create").getAsJsonObject("f:metadata"))
        .isEqualTo(json("{\"f:labels\":{\".\":{},\"f:app\":{}}}"));
  }

  @Test
  void removedFieldsLeaveEverySetAndEmptyEntriesDisappear() {
    JsonObject live = created();
    JsonObject edited =
        fieldManager.update(live, merge(live, "{\"spec\":{\"replicas\":5}}"), "editor", "", T1);

    JsonObject removed =
        fieldManager.update(
            edited,
            merge(edited, "{\"spec\":{\"replicas\":null,\"tags\":null}}"),
            "cleaner",
            "",
            T2);

    assertThat(entryOf(removed, "editor")).as("editor owned only replicas").isNull();
    assertThat(entryOf(removed, "cleaner")).as("removing takes no ownership").isNull();
    JsonObject createFields = fieldsOf(removed, "kubectl-create").getAsJsonObject("f:spec");
    assertThat(createFields.has("f:tags")).isFalse();
    assertThat(createFields.has("f:replicas")).isFalse();
    assertThat(createFields.has("f:addons")).isTrue();
  }

  @Test
  void systemMetadataAndNoOpWritesTakeNothing() {
    JsonObject live = created();
    JsonObject touched = live.deepCopy();
    JsonObject meta = touched.getAsJsonObject("metadata");
    meta.addProperty("resourceVersion", "42");
    meta.addProperty("uid", "u-1");
    meta.addProperty("generation", 2);
    meta.addProperty("creationTimestamp", "2026-07-01T10:00:00Z");

    JsonObject updated = fieldManager.update(live, touched, "controller", "", T1);

    assertThat(entryOf(updated, "controller")).isNull();
    assertThat(ManagedFields.read(updated)).isEqualTo(ManagedFields.read(live));
    JsonObject again = fieldManager.update(updated, updated, "kubectl-create", "", T2);
    assertThat(again).isEqualTo(updated);
  }

  @Test
  void statusWritesAreTrackedWithTheSubresource() {
    JsonObject live = created();
    JsonObject withStatus = live.deepCopy();
    withStatus.add("status", json("{\"ready\":true,\"version\":\"v1.30.0\"}"));
    withStatus.getAsJsonObject("spec").addProperty("replicas", 9); // reset by /status: not tracked
    JsonObject bogusList = withStatus.deepCopy();
    bogusList.getAsJsonObject("metadata").add("managedFields", json("[]"));

    JsonObject updated = fieldManager.update(live, bogusList, "kamaji", "status", T1);

    ManagedFieldsEntry status = entryOf(updated, "kamaji");
    assertThat(status.subresource()).isEqualTo("status");
    assertThat(status.fields().toFieldsV1())
        .isEqualTo(json("{\"f:status\":{\".\":{},\"f:ready\":{},\"f:version\":{}}}"));
    assertThat(entryOf(updated, "kubectl-create")).as("client list ignored on /status").isNotNull();

    JsonObject mainWrite = updated.deepCopy();
    mainWrite.getAsJsonObject("status").addProperty("ready", false); // reset on the main resource
    assertThat(entryOf(fieldManager.update(updated, mainWrite, "sneaky", "", T2), "sneaky"))
        .isNull();
  }

  @Test
  void clientSentManagedFieldsAreHonoured() {
    JsonObject live = created();
    JsonObject replaced = live.deepCopy();
    replaced
        .getAsJsonObject("metadata")
        .add(
            "managedFields",
            json(
                "[{\"manager\":\"someone\",\"operation\":\"Apply\",\"apiVersion\":\""
                    + API_VERSION
                    + "\",\"time\":\"2026-07-01T09:00:00Z\",\"fieldsType\":\"FieldsV1\","
                    + "\"fieldsV1\":{\"f:spec\":{\"f:replicas\":{}}}}]"));

    JsonObject updated = fieldManager.update(live, replaced, "kubectl", "", T1);

    assertThat(ManagedFields.read(updated))
        .extracting(ManagedFieldsEntry::manager)
        .containsExactly("someone");
    assertThat(entryOf(updated, "someone").time()).isEqualTo(Instant.parse("2026-07-01T09:00:00Z"));
  }

  @Test
  void invalidClientManagedFieldsFallBackToTheStoredOnes() {
    JsonObject live = created();
    JsonObject garbage = live.deepCopy();
    garbage
        .getAsJsonObject("metadata")
        .add("managedFields", json("[{\"manager\":\"x\",\"operation\":\"Nope\"}]"));

    assertThat(ManagedFields.read(fieldManager.update(live, garbage, "m", "", T1)))
        .isEqualTo(ManagedFields.read(live));
  }

  @Test
  void anEmptyListResetsTrackingUntilTheNextApply() {
    JsonObject live = created();
    JsonObject reset = live.deepCopy();
    reset.getAsJsonObject("metadata").add("managedFields", json("[]"));

    JsonObject cleared = fieldManager.update(live, reset, "kubectl", "", T1);
    JsonObject later =
        fieldManager.update(
            cleared, merge(cleared, "{\"spec\":{\"replicas\":7}}"), "editor", "", T2);

    assertThat(cleared.getAsJsonObject("metadata").has("managedFields")).isFalse();
    assertThat(later.getAsJsonObject("metadata").has("managedFields")).isFalse();
  }

  @Test
  void duplicatedListItemsAreTrackedAsAWhole() {
    JsonObject dup = tcp("{\"addons\":[{\"name\":\"a\",\"image\":\"1\"},{\"name\":\"a\"}]}");

    JsonObject created = fieldManager.update(null, dup, "legacy", "", T0);

    assertThat(fieldsOf(created, "legacy"))
        .isEqualTo(
            json(
                "{\"f:spec\":{\".\":{},\"f:addons\":{\".\":{},\"k:{\\\"name\\\":\\\"a\\\"}\":{}}}}"));
  }

  @Test
  void embeddedKubernetesTypesAreTrackedByTheirMergeMarkers() {
    FieldManager tenantControlPlanes = new FieldManager(Schemas.tenantControlPlane());
    JsonObject tcp =
        tcp(
            """
            {"controlPlane":{"deployment":{
              "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{
                "nodeSelectorTerms":[{"matchExpressions":[{"key":"k","operator":"In"}]}]}}},
              "resources":{"apiServer":{"claims":[{"name":"gpu"}]}}}}}
            """);

    JsonObject created = tenantControlPlanes.update(null, tcp, "kubectl-create", "", T0);

    // A node selector is atomic, as +structType=atomic makes it; resource claims are keyed by name.
    assertThat(fieldsOf(created, "kubectl-create"))
        .isEqualTo(
            json(
"""
{"f:spec":{".":{},"f:controlPlane":{".":{},"f:deployment":{".":{},
  "f:affinity":{".":{},"f:nodeAffinity":{".":{},"f:requiredDuringSchedulingIgnoredDuringExecution":{}}},
  "f:resources":{".":{},"f:apiServer":{".":{},"f:claims":{".":{},
    "k:{\\"name\\":\\"gpu\\"}":{".":{},"f:name":{}}}}}}}}}
"""));
  }

  @Test
  void updateEntriesAreCappedIntoAncientChanges() {
    JsonObject live = created();
    for (int i = 0; i < 12; i++) {
      live =
          fieldManager.update(
              live,
              merge(live, "{\"metadata\":{\"labels\":{\"l" + i + "\":\"x\"}}}"),
              "writer-" + i,
              "",
              T1.plusSeconds(i));
    }

    assertThat(ManagedFields.read(live)).hasSize(10);
    ManagedFieldsEntry bucket = entryOf(live, "ancient-changes");
    assertThat(bucket.operation()).isEqualTo(ManagedFieldsEntry.Operation.UPDATE);
    assertThat(bucket.fields().has(FieldPath.of("spec", "replicas")))
        .as("kubectl-create merged")
        .isTrue();
    assertThat(bucket.fields().has(FieldPath.of("metadata", "labels", "l1"))).isTrue();
    assertThat(bucket.time()).isEqualTo(T1.plusSeconds(2));
    assertThat(entryOf(live, "writer-3")).isNotNull();
  }
}
