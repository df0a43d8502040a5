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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.api.patch.JsonPatch;
import dev.controlplanes.kamaji.api.patch.MergePatch;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ApplierTest {

  private final FieldManager fieldManager = new FieldManager(SCHEMA);

  private static JsonObject apply(
      JsonObject live, JsonObject config, String manager, boolean force) {
    return Applier.apply(live, config, manager, force, SCHEMA, "", T1);
  }

  private static void annotateLastApplied(JsonObject object, String lastApplied) {
    JsonObject annotations = new JsonObject();
    annotations.add(LastApplied.ANNOTATION, new JsonPrimitive(lastApplied));
    object.getAsJsonObject("metadata").add("annotations", annotations);
  }

  private static JsonObject spec(JsonObject object) {
    return object.getAsJsonObject("spec");
  }

  @Test
  void applyCreatesTheObjectAndOwnsWhatItSets() {
    JsonObject config =
        tcp(
            "{\"replicas\":2,\"kubernetes\":{\"version\":\"v1.30.0\"},"
                + "\"addons\":[{\"name\":\"coredns\",\"image\":\"c:1\"}],\"tags\":[\"a\"]}");

    JsonObject created = Applier.apply(null, config, "kubectl", false, SCHEMA, "", T0);

    assertThat(FieldManager.withoutManagedFields(created)).isEqualTo(config);
    ManagedFieldsEntry entry = entryOf(created, "kubectl");
    assertThat(entry.operation()).isEqualTo(ManagedFieldsEntry.Operation.APPLY);
    assertThat(entry.apiVersion()).isEqualTo(API_VERSION);
    assertThat(entry.time()).isEqualTo(T0);
    assertThat(entry.fields().toFieldsV1())
        .isEqualTo(
            json(
"""
{"f:spec":{"f:addons":{"k:{\\"name\\":\\"coredns\\"}":{".":{},"f:image":{},"f:name":{}}},
  "f:kubernetes":{"f:version":{}},"f:replicas":{},"f:tags":{"v:\\"a\\"":{}}}}
"""));
    assertThat(config.getAsJsonObject("metadata").has("managedFields"))
        .as("input untouched")
        .isFalse();
  }

  @Test
  void reapplyingTheSameConfigurationIsANoOp() {
    JsonObject config = tcp("{\"replicas\":2,\"tags\":[\"a\"]}");
    JsonObject live = Applier.apply(null, config, "kubectl", false, SCHEMA, "", T0);

    JsonObject again = Applier.apply(live, config, "kubectl", false, SCHEMA, "", T2);

    assertThat(again).isEqualTo(live);
    assertThat(entryOf(again, "kubectl").time()).isEqualTo(T0);
  }

  @Test
  void reapplyingAnEmptyObjectKeepsWhatTheServerDefaultedInsideIt() {
    JsonObject config = tcp("{\"kubernetes\":{\"version\":\"1\",\"kubelet\":{}}}");
    JsonObject live = Applier.apply(null, config, "kubectl", false, SCHEMA, "", T0);
    // The server defaults a field below the applied empty object; nobody owns it.
    spec(live).getAsJsonObject("kubernetes").add("kubelet", json("{\"cgroupfs\":\"systemd\"}"));

    JsonObject again = Applier.apply(live, config, "kubectl", false, SCHEMA, "", T2);

    assertThat(again).isEqualTo(live);
  }

  @Test
  void fieldsNoLongerAppliedAreRemoved() {
    JsonObject live =
        Applier.apply(
            null,
            tcp(
                "{\"replicas\":2,\"kubernetes\":{\"version\":\"v1.30.0\"},"
                    + "\"addons\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"tags\":[\"x\",\"y\"],"
                    + "\"selector\":{\"k\":\"v\"}}"),
            "kubectl",
            false,
            SCHEMA,
            "",
            T0);

    JsonObject applied =
        apply(
            live,
            tcp("{\"replicas\":2,\"addons\":[{\"name\":\"b\"}],\"tags\":[\"y\"]}"),
            "kubectl",
            false);

    assertThat(spec(applied))
        .isEqualTo(json("{\"replicas\":2,\"addons\":[{\"name\":\"b\"}],\"tags\":[\"y\"]}"));
    assertThat(fieldsOf(applied, "kubectl"))
        .isEqualTo(
            json(
                "{\"f:spec\":{\"f:addons\":{\"k:{\\\"name\\\":\\\"b\\\"}\":{\".\":{},\"f:name\":{}}},"
                    + "\"f:replicas\":{},\"f:tags\":{\"v:\\\"y\\\"\":{}}}}"));
    assertThat(entryOf(applied, "kubectl").time()).isEqualTo(T1);
  }

  @Test
  void omittedFieldsOwnedByAnotherManagerStay() {
    JsonObject live =
        Applier.apply(
            null, tcp("{\"replicas\":2,\"tags\":[\"x\"]}"), "alice", false, SCHEMA, "", T0);
    JsonObject shared = apply(live, tcp("{\"replicas\":2}"), "bob", false);

    JsonObject after = apply(shared, tcp("{}"), "alice", false);

    assertThat(spec(after)).isEqualTo(json("{\"replicas\":2}"));
    assertThat(fieldsOf(after, "bob")).isEqualTo(json("{\"f:spec\":{\"f:replicas\":{}}}"));
    assertThat(fieldsOf(after, "alice"))
        .as("an empty object is owned")
        .isEqualTo(json("{\"f:spec\":{}}"));
    assertThat(entryOf(shared, "bob").time()).as("shared ownership changes nothing").isNull();
  }

  @Test
  void omittedFieldsTakenOverByAnUpdateStay() {
    JsonObject live =
        Applier.apply(
            null, tcp("{\"replicas\":2,\"tags\":[\"x\"]}"), "alice", false, SCHEMA, "", T0);
    JsonObject edited =
        fieldManager.update(
            live,
            MergePatch.apply(live, json("{\"spec\":{\"replicas\":4}}")).getAsJsonObject(),
            "kubectl-edit",
            "",
            T1);

    JsonObject after =
        Applier.apply(edited, tcp("{\"tags\":[\"x\"]}"), "alice", false, SCHEMA, "", T2);

    assertThat(spec(after)).isEqualTo(json("{\"replicas\":4,\"tags\":[\"x\"]}"));
  }

  @Test
  void listsMergeByTheirSchema() {
    JsonObject live =
        Applier.apply(
            null,
            tcp(
                "{\"addons\":[{\"name\":\"a\",\"image\":\"a:1\"}],\"tags\":[\"x\"],"
                    + "\"certSANs\":[\"one\"],\"selector\":{\"k\":\"v\"},\"kubernetes\":{\"version\":\"1\"}}"),
            "alice",
            false,
            SCHEMA,
            "",
            T0);

    JsonObject merged =
        apply(
            live,
            tcp(
                "{\"addons\":[{\"name\":\"b\",\"image\":\"b:1\"}],\"tags\":[\"y\"],"
                    + "\"kubernetes\":{\"kubelet\":{\"cgroupfs\":\"systemd\"}}}"),
            "bob",
            false);

    assertThat(spec(merged))
        .isEqualTo(
            json(
                "{\"addons\":[{\"name\":\"a\",\"image\":\"a:1\"},{\"name\":\"b\",\"image\":\"b:1\"}],"
                    + "\"tags\":[\"x\",\"y\"],\"certSANs\":[\"one\"],\"selector\":{\"k\":\"v\"},"
                    + "\"kubernetes\":{\"version\":\"1\",\"kubelet\":{\"cgroupfs\":\"systemd\"}}}"));

    JsonObject replaced =
        apply(merged, tcp("{\"certSANs\":[\"two\"],\"selector\":{\"other\":\"w\"}}"), "bob", true);
    assertThat(spec(replaced).get("certSANs")).isEqualTo(json("[\"two\"]"));
    assertThat(spec(replaced).get("selector")).isEqualTo(json("{\"other\":\"w\"}"));
    assertThat(fieldsOf(replaced, "bob").getAsJsonObject("f:spec").keySet())
        .containsExactlyInAnyOrder("f:certSANs", "f:selector");
    assertThat(fieldsOf(replaced, "alice").getAsJsonObject("f:spec").keySet())
        .doesNotContain("f:certSANs", "f:selector");
  }

  @Test
  void newListItemsAreInsertedWhereTheConfigurationPutsThem() {
    JsonObject live =
        Applier.apply(
            null,
            tcp("{\"addons\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}"),
            "alice",
            false,
            SCHEMA,
            "",
            T0);

    JsonObject merged =
        apply(
            live,
            tcp("{\"addons\":[{\"name\":\"d\"},{\"name\":\"b\",\"image\":\"i\"}]}"),
            "bob",
            false);

    assertThat(spec(merged).get("addons"))
        .isEqualTo(
            json(
                "[{\"name\":\"a\"},{\"name\":\"d\"},{\"name\":\"b\",\"image\":\"i\"},{\"name\":\"c\"}]"));
  }

  @Test
  void conflictWithAnUpdateManager() {
    JsonObject live =
        fieldManager.update(
            null,
            tcp("{\"kubernetes\":{\"version\":\"v1.30.0\"}}"),
            "kubectl-client-side-apply",
            "",
            T0);

    assertThatThrownBy(
            () -> apply(live, tcp("{\"kubernetes\":{\"version\":\"v1.31.0\"}}"), "kamaji", false))
        .isInstanceOfSatisfying(
            ApplyConflictException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\""
                          + " using kamaji.clastix.io/v1alpha1: .spec.kubernetes.version");
              assertThat(e.causes())
                  .containsExactly(
                      new ApplyConflictException.Cause(
                          "FieldManagerConflict",
                          "conflict with \"kubectl-client-side-apply\" using"
                              + " kamaji.clastix.io/v1alpha1",
                          ".spec.kubernetes.version"));
            });
    JsonObject same =
        apply(live, tcp("{\"kubernetes\":{\"version\":\"v1.30.0\"}}"), "kamaji", false);
    assertThat(FieldManager.withoutManagedFields(same))
        .isEqualTo(FieldManager.withoutManagedFields(live));
    assertThat(fieldsOf(same, "kamaji"))
        .isEqualTo(json("{\"f:spec\":{\"f:kubernetes\":{\"f:version\":{}}}}"));
    assertThat(fieldsOf(same, "kubectl-client-side-apply")).isNotNull();
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    JsonObject live =
        Applier.apply(
            null,
            tcp("{\"replicas\":1,\"kubernetes\":{\"version\":\"1\"},\"tags\":[\"t\"]}"),
            "zed",
            false,
            SCHEMA,
            "",
            T0);
    JsonObject status = live.deepCopy();
    status.add("status", json("{\"ready\":true}"));
    live = fieldManager.update(live, status, "kamaji", "status", T1);
    live =
        Applier.apply(
            live, tcp("{\"selector\":{\"a\":\"b\"}}"), "alice", false, SCHEMA, "status", T1);
    assertThat(entryOf(live, "alice")).as("spec applied through /status is not owned").isNull();
    JsonObject finalLive = live;

    assertThatThrownBy(
            () ->
                apply(
                    finalLive,
                    tcp("{\"replicas\":2,\"kubernetes\":{\"version\":\"2\"},\"tags\":[\"t\"]}"),
                    "bob",
                    false))
        .isInstanceOf(ApplyConflictException.class)
        .hasMessage(
            "Apply failed with 2 conflicts: conflicts with \"zed\":\n"
                + "- .spec.replicas\n"
                + "- .spec.kubernetes.version");

    JsonObject status2 = tcp("{}");
    status2.add("status", json("{\"ready\":false,\"version\":\"x\"}"));
    assertThatThrownBy(() -> Applier.apply(finalLive, status2, "bob", false, SCHEMA, "status", T2))
        .isInstanceOfSatisfying(
            ApplyConflictException.class,
            e ->
                assertThat(e.causes())
                    .extracting(ApplyConflictException.Cause::message)
                    .containsExactly(
                        "conflict with \"kamaji\" with subresource \"status\" using"
                            + " kamaji.clastix.io/v1alpha1"));
  }

  @Test
  void forceTransfersOwnership() {
    JsonObject live =
        fieldManager.update(null, tcp("{\"replicas\":1,\"tags\":[\"t\"]}"), "controller", "", T0);

    JsonObject forced = apply(live, tcp("{\"replicas\":3}"), "kubectl", true);

    assertThat(spec(forced)).isEqualTo(json("{\"replicas\":3,\"tags\":[\"t\"]}"));
    assertThat(fieldsOf(forced, "kubectl")).isEqualTo(json("{\"f:spec\":{\"f:replicas\":{}}}"));
    assertThat(fieldsOf(forced, "controller").getAsJsonObject("f:spec").has("f:replicas"))
        .isFalse();
  }

  @Test
  void applyingStatusOwnsOnlyStatus() {
    JsonObject live =
        Applier.apply(null, tcp("{\"replicas\":1}"), "kubectl", false, SCHEMA, "", T0);
    JsonObject config = tcp("{\"replicas\":5}");
    config.add("status", json("{\"ready\":true}"));

    JsonObject applied = Applier.apply(live, config, "kamaji", false, SCHEMA, "status", T1);

    ManagedFieldsEntry entry = entryOf(applied, "kamaji");
    assertThat(entry.subresource()).isEqualTo("status");
    assertThat(entry.fields().toFieldsV1()).isEqualTo(json("{\"f:status\":{\"f:ready\":{}}}"));
    assertThat(fieldsOf(applied, "kubectl")).isEqualTo(json("{\"f:spec\":{\"f:replicas\":{}}}"));
  }

  @Test
  void firstApplyToAnUntrackedObjectConflictsWithBeforeFirstApply() {
    JsonObject untracked = tcp("{\"replicas\":1}");

    assertThatThrownBy(() -> apply(untracked, tcp("{\"replicas\":2}"), "ci", false))
        .hasMessage(
            "Apply failed with 1 conflict: conflict with \"before-first-apply\" using"
                + " kamaji.clastix.io/v1alpha1: .spec.replicas");
    JsonObject forced = apply(untracked, tcp("{\"replicas\":2}"), "ci", true);
    assertThat(ManagedFields.read(forced))
        .extracting(ManagedFieldsEntry::manager)
        .containsExactly("ci", "before-first-apply");
  }

  @Test
  void invalidConfigurations() {
    JsonObject withManagedFields = tcp("{}");
    withManagedFields.getAsJsonObject("metadata").add("managedFields", json("[]"));
    assertThatThrownBy(() -> apply(null, withManagedFields, "kubectl", false))
        .isInstanceOfSatisfying(
            ApplyException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
        .hasMessage("metadata.managedFields must be nil");

    JsonObject nullManagedFields = tcp("{}");
    nullManagedFields.getAsJsonObject("metadata").add("managedFields", json("null"));
    assertThat(fieldsOf(apply(null, nullManagedFields, "kubectl", false), "kubectl"))
        .isEqualTo(json("{\"f:spec\":{}}"));

    assertThatThrownBy(
            () ->
                apply(
                    null,
                    tcp("{\"addons\":[{\"name\":\"a\"},{\"name\":\"a\"}]}"),
                    "kubectl",
                    false))
        .isInstanceOfSatisfying(
            ApplyException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
        .hasMessage(".spec.addons: duplicate entries for key [name=\"a\"]");
  }

  /**
   * kubectl apply --server-side on an object made by client-side apply: kubectl first replaces
   * managedFields (the client-side-apply Update entry becomes a "kubectl" Apply entry) with a JSON
   * patch, then applies; fields only the old configuration had, the last-applied annotation
   * included, are removed.
   */
  @Test
  void clientSideApplyMigratesToServerSideApply() {
    String lastApplied =
        "{\"apiVersion\":\"kamaji.clastix.io/v1alpha1\",\"kind\":\"TenantControlPlane\","
            + "\"metadata\":{\"annotations\":{},\"name\":\"t1\",\"namespace\":\"ns\"},"
            + "\"spec\":{\"replicas\":1,\"tags\":[\"old\"]}}\n";
    JsonObject csa = tcp("{\"replicas\":1,\"tags\":[\"old\"]}");
    annotateLastApplied(csa, lastApplied);
    JsonObject live = fieldManager.update(null, csa, "kubectl-client-side-apply", "", T0);
    assertThat(fieldsOf(live, "kubectl-client-side-apply").getAsJsonObject("f:metadata"))
        .isEqualTo(
            json(
                "{\"f:annotations\":{\".\":{},"
                    + "\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}}"));

    // What client-go's csaupgrade sends: the same fields, now an Apply entry of "kubectl".
    JsonObject migratedEntry =
        ManagedFields.encode(ManagedFields.read(live)).get(0).getAsJsonObject();
    migratedEntry.addProperty("manager", "kubectl");
    migratedEntry.addProperty("operation", "Apply");
    JsonArray patch = new JsonArray();
    patch.add(
        json(
            "{\"op\":\"replace\",\"path\":\"/metadata/managedFields\",\"value\":["
                + migratedEntry
                + "]}"));
    JsonObject patched = JsonPatch.apply(live, patch).getAsJsonObject();
    JsonObject migrated = fieldManager.update(live, patched, "kubectl", "", T1);
    assertThat(ManagedFields.read(migrated))
        .extracting(ManagedFieldsEntry::manager, ManagedFieldsEntry::operation)
        .containsExactly(Tuple.tuple("kubectl", ManagedFieldsEntry.Operation.APPLY));

    JsonObject applied =
        Applier.apply(
            migrated, tcp("{\"replicas\":2,\"tags\":[\"new\"]}"), "kubectl", false, SCHEMA, "", T2);

    assertThat(FieldManager.withoutManagedFields(applied))
        .isEqualTo(tcp("{\"replicas\":2,\"tags\":[\"new\"]}"));
    assertThat(ManagedFields.read(applied)).hasSize(1);
    assertThat(fieldsOf(applied, "kubectl"))
        .isEqualTo(json("{\"f:spec\":{\"f:replicas\":{},\"f:tags\":{\"v:\\\"new\\\"\":{}}}}"));
  }

  /** Without the migration, kubectl's conflicts on fields it applied client-side are forced. */
  @Test
  void kubectlConflictsOnLastAppliedFieldsAreAllowed() {
    String lastApplied =
        "{\"apiVersion\":\"kamaji.clastix.io/v1alpha1\",\"kind\":\"TenantControlPlane\","
            + "\"metadata\":{\"name\":\"t1\",\"namespace\":\"ns\"},\"spec\":{\"replicas\":1}}\n";
    JsonObject csa = tcp("{\"replicas\":1,\"kubernetes\":{\"version\":\"v1\"}}");
    annotateLastApplied(csa, lastApplied);
    JsonObject live = fieldManager.update(null, csa, "kubectl-client-side-apply", "", T0);

    JsonObject applied = apply(live, tcp("{\"replicas\":3}"), "kubectl", false);

    assertThat(spec(applied))
        .isEqualTo(json("{\"replicas\":3,\"kubernetes\":{\"version\":\"v1\"}}"));
    assertThat(
            applied
                .getAsJsonObject("metadata")
                .getAsJsonObject("annotations")
                .get("kubectl.kubernetes.io/last-applied-configuration")
                .getAsString())
        .isEqualTo(
            "{\"apiVersion\":\"kamaji.clastix.io/v1alpha1\",\"kind\":\"TenantControlPlane\",\"metadata\":{\"name\":\"t1\",\"namespace\":\"ns\"},\"spec\":{\"replicas\":3}}\n");
    assertThatThrownBy(
            () -> apply(live, tcp("{\"kubernetes\":{\"version\":\"v2\"}}"), "kubectl", false))
        .isInstanceOf(ApplyConflictException.class)
        .hasMessageEndingWith(".spec.kubernetes.version");
    assertThatThrownBy(() -> apply(live, tcp("{\"replicas\":3}"), "other", false))
        .isInstanceOf(ApplyConflictException.class);
  }
}
