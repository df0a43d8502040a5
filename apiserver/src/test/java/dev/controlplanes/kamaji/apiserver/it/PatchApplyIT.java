package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.at;
import static dev.controlplanes.kamaji.apiserver.testing.Json.rv;
import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.Json;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JSON patch, merge patch, server-side apply and managedFields, over HTTPS. */
class PatchApplyIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "patch";
  private static final String MERGE = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String APPLY = "application/apply-patch+yaml";

  private final RestClient client = RestClient.admin(api);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  private JsonObject create(String name) {
    return client
        .post(Samples.tcps(NS) + "?fieldManager=creator", Samples.tcp(NS, name).toString())
        .expect(201)
        .json();
  }

  @Test
  void mergePatch() {
    JsonObject created = create("merge");
    String path = Samples.tcpPath(NS, "merge");
    JsonObject added =
        client
            .patch(
                path + "?fieldManager=kubectl-label",
                MERGE,
                "{\"metadata\":{\"labels\":{\"env\":\"dev\",\"team\":\"a\"}}}")
            .expect(200)
            .json();
    assertThat(string(added, "metadata.labels.env")).isEqualTo("dev");
    assertThat(at(added, "metadata.generation").getAsLong()).isEqualTo(1);
    assertThat(rv(added)).isNotEqualTo(rv(created));

    JsonObject removed =
        client.patch(path, MERGE, "{\"metadata\":{\"labels\":{\"env\":null}}}").expect(200).json();
    assertThat(at(removed, "metadata.labels.env")).isNull();
    assertThat(string(removed, "metadata.labels.team")).isEqualTo("a");

    // arrays are replaced wholesale; spec changes bump the generation
    JsonObject replaced =
        client
            .patch(
                path,
                MERGE,
                "{\"spec\":{\"kubernetes\":{\"kubelet\":{\"preferredAddressTypes\":[\"Hostname\"]}}}}")
            .expect(200)
            .json();
    assertThat(Json.strings(replaced, "spec.kubernetes.kubelet.preferredAddressTypes"))
        .containsExactly("Hostname");
    assertThat(at(replaced, "metadata.generation").getAsLong()).isEqualTo(2);

    // a patch that changes nothing writes nothing
    JsonObject noop =
        client
            .patch(path, MERGE, "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}")
            .expect(200)
            .json();
    assertThat(rv(noop)).isEqualTo(rv(replaced));

    client.patch(Samples.tcpPath(NS, "absent"), MERGE, "{}").expect(404);
    JsonObject bad = client.patch(path, MERGE, "{nope").expect(400).json();
    assertThat(string(bad, "reason")).isEqualTo("BadRequest");
  }

  @Test
  void mergePatchWithAStaleResourceVersionConflicts() {
    JsonObject created = create("merge-rv");
    String path = Samples.tcpPath(NS, "merge-rv");
    client.patch(path, MERGE, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}").expect(200);
    JsonObject conflict =
        client
            .patch(
                path,
                MERGE,
                "{\"metadata\":{\"resourceVersion\":\""
                    + rv(created)
                    + "\",\"labels\":{\"c\":\"d\"}}}")
            .expect(409)
            .json();
    assertThat(string(conflict, "reason")).isEqualTo("Conflict");
    assertThat(string(conflict, "message"))
        .isEqualTo(
            "Operation cannot be fulfilled on tenantcontrolplanes.kamaji.clastix.io \"merge-rv\":"
                + " the object has been modified; please apply your changes to the latest version"
                + " and try again");
  }

  @Test
  void jsonPatch() {
    create("jp");
    String path = Samples.tcpPath(NS, "jp");
    JsonObject patched =
        client
            .patch(
                path,
                JSON_PATCH,
                "[{\"op\":\"test\",\"path\":\"/spec/dataStore\",\"value\":\"default\"},"
                    + "{\"op\":\"add\",\"path\":\"/metadata/labels/added\",\"value\":\"yes\"},"
                    + "{\"op\":\"replace\",\"path\":\"/spec/controlPlane/deployment/replicas\","
                    + "\"value\":3},"
                    + "{\"op\":\"remove\",\"path\":\"/metadata/labels/tenant.clastix.io\"}]")
            .expect(200)
            .json();
    assertThat(string(patched, "metadata.labels.added")).isEqualTo("yes");
    assertThat(at(patched, "metadata.labels.tenant.clastix.io")).isNull();
    assertThat(at(patched, "spec.controlPlane.deployment.replicas").getAsInt()).isEqualTo(3);

    JsonObject failed =
        client
            .patch(
                path,
                JSON_PATCH,
                "[{\"op\":\"test\",\"path\":\"/spec/dataStore\",\"value\":\"other\"}]")
            .expect(422)
            .json();
    assertThat(string(failed, "reason")).isEqualTo("Invalid");
    assertThat(string(failed, "message"))
        .isEqualTo("the server rejected our request due to an error in our request");

    client
        .patch(path, JSON_PATCH, "[{\"op\":\"remove\",\"path\":\"/spec/nothing/here\"}]")
        .expect(422);
    assertThat(
            string(client.patch(path, JSON_PATCH, "{\"op\":\"add\"}").expect(400).json(), "reason"))
        .isEqualTo("BadRequest");
    client.patch(path, JSON_PATCH, "[{\"op\":").expect(400);

    // kubectl's client-side to server-side apply migration relies on this precondition
    client
        .patch(
            path,
            JSON_PATCH,
            "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"1\"}]")
        .expect(409);

    JsonObject force = client.patch(path + "?force=true", MERGE, "{}").expect(422).json();
    assertThat(string(force, "message"))
        .isEqualTo(
            "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for"
                + " non-apply patch");
  }

  @Test
  void strategicMergePatchIs415() {
    create("smp");
    RestClient.Response r =
        client.patch(
            Samples.tcpPath(NS, "smp"),
            "application/strategic-merge-patch+json",
            "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
    r.expect(415);
    JsonObject status = r.json();
    assertThat(string(status, "reason")).isEqualTo("UnsupportedMediaType");
    assertThat(string(status, "message"))
        .isEqualTo(
            "the body of the request was in an unknown format - accepted media types include:"
                + " application/json-patch+json, application/merge-patch+json,"
                + " application/apply-patch+yaml");
    assertThat(at(status, "code").getAsInt()).isEqualTo(415);
    // parameters after ';' do not change the patch type
    client
        .patch(
            Samples.tcpPath(NS, "smp"),
            "application/merge-patch+json; charset=utf-8",
            "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}")
        .expect(200);
  }

  private static String applied(String name, int replicas) {
    return "apiVersion: kamaji.clastix.io/v1alpha1\n"
        + "kind: TenantControlPlane\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "  namespace: "
        + NS
        + "\n"
        + "spec:\n"
        + "  controlPlane:\n"
        + "    deployment:\n"
        + "      replicas: "
        + replicas
        + "\n"
        + "    service:\n"
        + "      serviceType: ClusterIP\n"
        + "  kubernetes:\n"
        + "    version: v1.35.7\n"
        + "    kubelet:\n"
        + "      cgroupfs: systemd\n";
  }

  @Test
  void serverSideApply() {
    String path = Samples.tcpPath(NS, "ssa");
    RestClient.Response first = client.patch(path + "?fieldManager=mgr1", APPLY, applied("ssa", 3));
    first.expect(201);
    JsonObject created = first.json();
    assertThat(at(created, "spec.controlPlane.deployment.replicas").getAsInt()).isEqualTo(3);
    assertThat(string(created, "spec.dataStore")).isEqualTo("default");
    JsonObject entry = CrudIT.managedEntry(created, "mgr1");
    assertThat(entry).isNotNull();
    assertThat(string(entry, "operation")).isEqualTo("Apply");
    assertThat(string(entry, "fieldsType")).isEqualTo("FieldsV1");
    assertThat(at(entry, "fieldsV1.f:spec.f:controlPlane.f:deployment.f:replicas")).isNotNull();

    JsonObject again =
        client.patch(path + "?fieldManager=mgr1", APPLY, applied("ssa", 3)).expect(200).json();
    assertThat(rv(again)).isEqualTo(rv(created));

    JsonObject conflict =
        client.patch(path + "?fieldManager=mgr2", APPLY, applied("ssa", 4)).expect(409).json();
    assertThat(string(conflict, "reason")).isEqualTo("Conflict");
    assertThat(string(conflict, "message"))
        .isEqualTo(
            "Apply failed with 1 conflict: conflict with \"mgr1\":"
                + " .spec.controlPlane.deployment.replicas");
    assertThat(at(conflict, "details.causes").toString())
        .isEqualTo(
            "[{\"reason\":\"FieldManagerConflict\",\"message\":\"conflict with \\\"mgr1\\\"\","
                + "\"field\":\".spec.controlPlane.deployment.replicas\"}]");
    assertThat(string(conflict, "details.name")).isEqualTo("ssa");
    assertThat(string(conflict, "details.kind")).isEqualTo("tenantcontrolplanes");

    JsonObject forced =
        client
            .patch(path + "?fieldManager=mgr2&force=true", APPLY, applied("ssa", 4))
            .expect(200)
            .json();
    assertThat(at(forced, "spec.controlPlane.deployment.replicas").getAsInt()).isEqualTo(4);
    assertThat(
            at(
                CrudIT.managedEntry(forced, "mgr2"),
                "fieldsV1.f:spec.f:controlPlane.f:deployment.f:replicas"))
        .isNotNull();
    assertThat(
            at(
                CrudIT.managedEntry(forced, "mgr1"),
                "fieldsV1.f:spec.f:controlPlane.f:deployment.f:replicas"))
        .isNull();
  }

  @Test
  void applyConflictsWithAnUpdateManager() {
    create("ssa-upd");
    JsonObject conflict =
        client
            .patch(
                Samples.tcpPath(NS, "ssa-upd") + "?fieldManager=kubectl",
                APPLY,
                applied("ssa-upd", 5))
            .expect(409)
            .json();
    assertThat(string(conflict, "message"))
        .isEqualTo(
            "Apply failed with 2 conflicts: conflicts with \"creator\" using"
                + " kamaji.clastix.io/v1alpha1:\n"
                + "- .spec.controlPlane.deployment.replicas\n"
                + "- .spec.controlPlane.service.serviceType");
    for (JsonElement cause : at(conflict, "details.causes").getAsJsonArray()) {
      assertThat(string(cause, "reason")).isEqualTo("FieldManagerConflict");
    }
  }

  @Test
  void applyRequestValidation() {
    String path = Samples.tcpPath(NS, "ssa-bad");
    JsonObject noManager = client.patch(path, APPLY, applied("ssa-bad", 2)).expect(422).json();
    assertThat(string(noManager, "message"))
        .isEqualTo(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                + " for apply patch");

    JsonObject version =
        client
            .patch(
                path + "?fieldManager=m",
                APPLY,
                applied("ssa-bad", 2).replace("v1alpha1", "v1beta1"))
            .expect(400)
            .json();
    assertThat(string(version, "message"))
        .isEqualTo(
            "Incorrect version specified in apply patch. Specified patch version:"
                + " kamaji.clastix.io/v1beta1, expected: kamaji.clastix.io/v1alpha1");

    JsonObject managed =
        client
            .patch(
                path + "?fieldManager=m",
                APPLY,
                applied("ssa-bad", 2).replace("metadata:\n", "metadata:\n  managedFields: []\n"))
            .expect(400)
            .json();
    assertThat(string(managed, "message")).isEqualTo("metadata.managedFields must be nil");

    client
        .patch(Samples.tcpPath(NS, "other") + "?fieldManager=m", APPLY, applied("ssa-bad", 2))
        .expect(400);
    client.get(path).expect(404);
  }

  @Test
  void unknownFieldsInPatches() {
    create("unknown");
    String path = Samples.tcpPath(NS, "unknown");
    RestClient.Response warned = client.patch(path, MERGE, "{\"spec\":{\"bogus\":1}}").expect(200);
    assertThat(warned.headers("Warning"))
        .containsExactly("299 - \"unknown field \\\"spec.bogus\\\"\"");
    assertThat(at(warned.json(), "spec.bogus")).isNull();

    RestClient.Response strictApply =
        client.patch(
            path + "?fieldManager=m&fieldValidation=Strict",
            APPLY,
            applied("unknown", 2).replace("  kubernetes:\n", "  bogus: 1\n  kubernetes:\n"));
    strictApply.expect(400);
    assertThat(string(strictApply.json(), "message"))
        .isEqualTo("error strict decoding patch: unknown field \"spec.bogus\"");

    RestClient.Response warnApply =
        client.patch(
            path + "?fieldManager=m&force=true",
            APPLY,
            applied("unknown", 2).replace("  kubernetes:\n", "  bogus: 1\n  kubernetes:\n"));
    warnApply.expect(200);
    assertThat(warnApply.headers("Warning"))
        .containsExactly("299 - \"unknown field \\\"spec.bogus\\\"\"");
  }

  @Test
  void managedFieldsAfterEveryWriteType() {
    String path = Samples.tcpPath(NS, "mf");
    JsonObject created = create("mf");
    assertThat(operations(created)).containsExactly("creator/Update/");

    JsonObject put = created.deepCopy();
    put.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("put", "1");
    JsonObject afterPut =
        client.put(path + "?fieldManager=putter", put.toString()).expect(200).json();
    assertThat(operations(afterPut)).contains("creator/Update/", "putter/Update/");

    JsonObject afterMerge =
        client
            .patch(
                path + "?fieldManager=merger", MERGE, "{\"metadata\":{\"labels\":{\"m\":\"1\"}}}")
            .expect(200)
            .json();
    assertThat(operations(afterMerge)).contains("merger/Update/");

    JsonObject afterJson =
        client
            .patch(
                path + "?fieldManager=jsoner",
                JSON_PATCH,
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"1\"}]")
            .expect(200)
            .json();
    assertThat(operations(afterJson)).contains("jsoner/Update/");

    JsonObject afterStatus =
        client
            .patch(
                path + "/status?fieldManager=kamaji",
                MERGE,
                "{\"status\":{\"controlPlaneEndpoint\":\"10.0.0.1:6443\"}}")
            .expect(200)
            .json();
    assertThat(operations(afterStatus)).contains("kamaji/Update/status");

    JsonObject afterScale =
        client
            .patch(path + "/scale?fieldManager=scaler", MERGE, "{\"spec\":{\"replicas\":3}}")
            .expect(200)
            .json();
    JsonObject afterScaleObject = client.get(path).json();
    assertThat(operations(afterScaleObject)).anyMatch(o -> o.startsWith("scaler/Update/"));
    assertThat(string(afterScale, "kind")).isEqualTo("Scale");

    JsonObject afterApply =
        client
            .patch(path + "?fieldManager=applier&force=true", APPLY, applied("mf", 3))
            .expect(200)
            .json();
    assertThat(operations(afterApply)).contains("applier/Apply/");

    JsonObject afterStatusApply =
        client
            .patch(
                path + "/status?fieldManager=status-applier&force=true",
                APPLY,
                "apiVersion: kamaji.clastix.io/v1alpha1\nkind: TenantControlPlane\n"
                    + "metadata:\n  name: mf\n  namespace: patch\n"
                    + "status:\n  controlPlaneEndpoint: 10.0.0.2:6443\n")
            .expect(200)
            .json();
    assertThat(operations(afterStatusApply)).contains("status-applier/Apply/status");
    assertThat(string(afterStatusApply, "status.controlPlaneEndpoint")).isEqualTo("10.0.0.2:6443");

    for (JsonElement e :
        afterStatusApply.getAsJsonObject("metadata").getAsJsonArray("managedFields")) {
      assertThat(string(e, "apiVersion")).isEqualTo("kamaji.clastix.io/v1alpha1");
      assertThat(string(e, "fieldsType")).isEqualTo("FieldsV1");
      assertThat(string(e, "time")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    }
  }

  private static List<String> operations(JsonObject object) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : object.getAsJsonObject("metadata").getAsJsonArray("managedFields")) {
      String sub = string(e, "subresource");
      out.add(string(e, "manager") + "/" + string(e, "operation") + "/" + (sub == null ? "" : sub));
    }
    return out;
  }
}
