package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.at;
import static dev.controlplanes.kamaji.apiserver.testing.Json.rv;
import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.Json;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import dev.controlplanes.kamaji.storage.KeyValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, get, update and the status and scale subresources, over HTTPS. */
class CrudIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "crud";
  private static final String UID =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

  private final RestClient client = RestClient.admin(api);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  private JsonObject create(String name) {
    return client.post(Samples.tcps(NS), Samples.tcp(NS, name).toString()).expect(201).json();
  }

  @Test
  void createSetsSystemMetadataDropsStatusAndDefaults() {
    JsonObject tcp = Samples.tcp(NS, "created");
    tcp.getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("deployment")
        .remove("replicas");
    JsonObject meta = tcp.getAsJsonObject("metadata");
    meta.addProperty("uid", "client-chosen");
    meta.addProperty("creationTimestamp", "2001-01-01T00:00:00Z");
    meta.addProperty("generation", 7);
    tcp.add("status", Json.parse("{\"controlPlaneEndpoint\":\"1.2.3.4:6443\"}"));

    RestClient.Response r =
        client.post(Samples.tcps(NS) + "?fieldManager=crud-test", tcp.toString()).expect(201);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache, private");
    JsonObject created = r.json();
    assertThat(string(created, "apiVersion")).isEqualTo("kamaji.clastix.io/v1alpha1");
    assertThat(string(created, "kind")).isEqualTo("TenantControlPlane");
    assertThat(string(created, "metadata.name")).isEqualTo("created");
    assertThat(string(created, "metadata.namespace")).isEqualTo(NS);
    String uid = string(created, "metadata.uid");
    assertThat(uid).matches(UID);
    assertThat(string(created, "metadata.creationTimestamp"))
        .matches(TIME)
        .isNotEqualTo("2001-01-01T00:00:00Z");
    assertThat(at(created, "metadata.generation").getAsLong()).isEqualTo(1);
    assertThat(rv(created)).matches("[1-9][0-9]*");
    assertThat(created.has("status")).isFalse();
    assertThat(at(created, "metadata.selfLink")).isNull();
    assertThat(string(created, "metadata.managedFields.0.manager")).isEqualTo("crud-test");
    assertThat(string(created, "metadata.managedFields.0.operation")).isEqualTo("Update");
    // Kamaji's defaults
    assertThat(at(created, "spec.controlPlane.deployment.replicas").getAsInt()).isEqualTo(2);
    assertThat(string(created, "spec.dataStore")).isEqualTo("default");
    assertThat(string(created, "spec.dataStoreSchema")).isEqualTo(uid);
    assertThat(string(created, "spec.dataStoreUsername")).isEqualTo(uid);
    assertThat(Json.strings(created, "spec.networkProfile.serviceCidrs"))
        .containsExactly("10.96.0.0/16");
    assertThat(Json.strings(created, "spec.networkProfile.dnsServiceIPs"))
        .containsExactly("10.96.0.10");

    JsonObject got = client.get(Samples.tcpPath(NS, "created")).expect(200).json();
    assertThat(got).isEqualTo(created);
  }

  @Test
  void managerDefaultsToTheUserAgentPrefix() {
    JsonObject created =
        client
            .post(
                Samples.tcps(NS),
                Samples.tcp(NS, "agent").toString(),
                "User-Agent",
                "my-tool/1.2 (linux)")
            .expect(201)
            .json();
    assertThat(string(created, "metadata.managedFields.0.manager")).isEqualTo("my-tool");
  }

  @Test
  void generateName() {
    JsonObject tcp = Samples.tcp(NS, "ignored");
    tcp.getAsJsonObject("metadata").remove("name");
    tcp.getAsJsonObject("metadata").addProperty("generateName", "gen-");
    JsonObject created = client.post(Samples.tcps(NS), tcp.toString()).expect(201).json();
    String name = string(created, "metadata.name");
    assertThat(name).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(string(created, "metadata.generateName")).isEqualTo("gen-");
    client.get(Samples.tcpPath(NS, name)).expect(200);
  }

  @Test
  void dryRunCreateStoresNothing() {
    RestClient.Response r =
        client
            .post(Samples.tcps(NS) + "?dryRun=All", Samples.tcp(NS, "dry").toString())
            .expect(201);
    JsonObject would = r.json();
    assertThat(string(would, "metadata.uid")).matches(UID);
    assertThat(string(would, "metadata.creationTimestamp")).matches(TIME);
    assertThat(at(would, "metadata.resourceVersion")).isNull();
    assertThat(string(would, "spec.dataStoreSchema")).isEqualTo(string(would, "metadata.uid"));
    client.get(Samples.tcpPath(NS, "dry")).expect(404);

    JsonObject bad =
        client
            .post(Samples.tcps(NS) + "?dryRun=Foo", Samples.tcp(NS, "dry").toString())
            .expect(422)
            .json();
    assertThat(string(bad, "message"))
        .isEqualTo(
            "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: [\"Foo\"]:"
                + " supported values: \"All\"");
  }

  @Test
  void getMissingIsNotFound() {
    RestClient.Response r = client.get(Samples.tcpPath(NS, "nope")).expect(404);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"tenantcontrolplanes.kamaji.clastix.io"
                + " \\\"nope\\\" not found\","
                + "\"reason\":\"NotFound\",\"details\":{\"name\":\"nope\","
                + "\"group\":\"kamaji.clastix.io\",\"kind\":\"tenantcontrolplanes\"},\"code\":404}");
    JsonObject ds = client.get(Samples.dataStorePath("nope")).expect(404).json();
    assertThat(string(ds, "message")).isEqualTo("datastores.kamaji.clastix.io \"nope\" not found");
  }

  @Test
  void dataStoreReferencesAreCheckedOnCreateAndUpdate() {
    // Referenced the moment it exists: a watch cache that has not seen it yet must not reject it.
    client.post(Samples.dataStores(), Samples.dataStore("ref-new").toString()).expect(201);
    JsonObject tcp = Samples.tcp(NS, "ref-new");
    tcp.getAsJsonObject("spec").addProperty("dataStore", "ref-new");
    client.post(Samples.tcps(NS), tcp.toString()).expect(201);

    String path = Samples.tcpPath(NS, "ref-new");
    JsonObject missing =
        client
            .patch(path, "application/merge-patch+json", "{\"spec\":{\"dataStore\":\"ref-none\"}}")
            .expect(422)
            .json();
    assertThat(string(missing, "details.causes.0.field")).isEqualTo("spec.dataStore");
    assertThat(string(missing, "details.causes.0.reason")).isEqualTo("FieldValueNotFound");

    // Gone: rejected once the server has seen the deletion.
    client.delete(Samples.dataStorePath("ref-new")).expect(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client
                        .patch(
                            path,
                            "application/merge-patch+json",
                            "{\"metadata\":{\"labels\":{\"touch\":\"" + System.nanoTime() + "\"}}}")
                        .status()
                    == 422);
  }

  @Test
  void objectsStoredUnderAnOlderSchemaArePrunedAndDefaultedOnRead() throws Exception {
    JsonObject created = create("older-schema");
    String key = api.storageKey("tenantcontrolplanes", NS, "older-schema");
    KeyValue stored = api.etcdStore().get(key).orElseThrow();
    JsonObject older = Json.parse(new String(stored.value(), StandardCharsets.UTF_8));
    // A field this schema does not declare, and a container port without the protocol that is
    // now defaulted: as an older server might have stored them.
    older.getAsJsonObject("spec").addProperty("retiredField", "x");
    older
        .getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("deployment")
        .add(
            "additionalContainers",
            Json.parse("{\"c\":[{\"name\":\"side\",\"ports\":[{\"containerPort\":80}]}]}")
                .get("c"));
    try (RestClient.WatchStream watch =
        client.watch(
            Samples.tcps(NS)
                + "?watch=true&fieldSelector=metadata.name%3Dolder-schema&resourceVersion="
                + rv(created))) {
      api.etcdStore()
          .update(key, stored.modRevision(), older.toString().getBytes(StandardCharsets.UTF_8));

      JsonObject event = watch.next(Duration.ofSeconds(10)).getAsJsonObject("object");
      JsonObject got = client.get(Samples.tcpPath(NS, "older-schema")).expect(200).json();
      JsonObject listed =
          client
              .get(Samples.tcps(NS) + "?fieldSelector=metadata.name%3Dolder-schema")
              .expect(200)
              .json()
              .getAsJsonArray("items")
              .get(0)
              .getAsJsonObject();
      for (JsonObject read : List.of(event, got, listed)) {
        assertThat(at(read, "spec.retiredField")).as(read.toString()).isNull();
        assertThat(
                string(
                    read, "spec.controlPlane.deployment.additionalContainers.0.ports.0.protocol"))
            .isEqualTo("TCP");
      }
    }
  }

  @Test
  void getAtResourceVersionZeroAnswersAsAPlainGet() {
    JsonObject created = create("rv-zero");
    String path = Samples.tcpPath(NS, "rv-zero");
    JsonObject plain = client.get(path).expect(200).json();
    assertThat(plain).isEqualTo(created);

    // Served from the watch cache, which may lag a moment behind the write.
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(client.get(path + "?resourceVersion=0").expect(200).json())
                    .isEqualTo(plain));

    client.delete(path).expect(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> client.get(path + "?resourceVersion=0").expect(404));
    client.get(Samples.tcpPath(NS, "never-there") + "?resourceVersion=0").expect(404);
  }

  @Test
  void getAsYaml() {
    create("yaml");
    RestClient.Response r = client.get(Samples.tcpPath(NS, "yaml"), "Accept", "application/yaml");
    r.expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/yaml");
    assertThat(r.body()).contains("kind: TenantControlPlane").contains("name: yaml");
  }

  @Test
  void updateRequiresTheCurrentResourceVersion() {
    JsonObject created = create("upd-rv");
    String path = Samples.tcpPath(NS, "upd-rv");

    JsonObject noRv = created.deepCopy();
    noRv.getAsJsonObject("metadata").remove("resourceVersion");
    JsonObject missing = client.put(path, noRv.toString()).expect(422).json();
    assertThat(string(missing, "reason")).isEqualTo("Invalid");
    assertThat(string(missing, "message"))
        .isEqualTo(
            "tenantcontrolplanes.kamaji.clastix.io \"upd-rv\" is invalid: metadata.resourceVersion:"
                + " Invalid value: 0x0: must be specified for an update");
    assertThat(string(missing, "details.causes.0.field")).isEqualTo("metadata.resourceVersion");

    JsonObject labelled = created.deepCopy();
    labelled.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("step", "one");
    JsonObject updated = client.put(path, labelled.toString()).expect(200).json();
    assertThat(rv(updated)).isNotEqualTo(rv(created));

    // the same body again: its resourceVersion is now stale
    JsonObject stale = client.put(path, labelled.toString()).expect(409).json();
    assertThat(string(stale, "reason")).isEqualTo("Conflict");
    assertThat(string(stale, "message"))
        .isEqualTo(
            "Operation cannot be fulfilled on tenantcontrolplanes.kamaji.clastix.io \"upd-rv\": the"
                + " object has been modified; please apply your changes to the latest version and"
                + " try again");
    assertThat(at(stale, "details").toString())
        .isEqualTo(
            "{\"name\":\"upd-rv\",\"group\":\"kamaji.clastix.io\",\"kind\":\"tenantcontrolplanes\"}");
    assertThat(client.get(path).json()).isEqualTo(updated);
  }

  @Test
  void updateChecksUidAndName() {
    JsonObject created = create("upd-uid");
    String path = Samples.tcpPath(NS, "upd-uid");
    JsonObject otherUid = created.deepCopy();
    otherUid.getAsJsonObject("metadata").addProperty("uid", "00000000-0000-4000-8000-000000000000");
    JsonObject conflict = client.put(path, otherUid.toString()).expect(409).json();
    assertThat(string(conflict, "reason")).isEqualTo("Conflict");
    assertThat(string(conflict, "message"))
        .isEqualTo(
            "Operation cannot be fulfilled on tenantcontrolplanes.kamaji.clastix.io \"upd-uid\":"
                + " Precondition failed: UID in precondition: 00000000-0000-4000-8000-000000000000,"
                + " UID in object meta: "
                + string(created, "metadata.uid"));

    JsonObject renamed = created.deepCopy();
    renamed.getAsJsonObject("metadata").addProperty("name", "other");
    JsonObject bad = client.put(path, renamed.toString()).expect(400).json();
    assertThat(string(bad, "reason")).isEqualTo("BadRequest");
    assertThat(string(bad, "message"))
        .isEqualTo("the name of the object (other) does not match the name on the URL (upd-uid)");

    JsonObject missing = client.put(Samples.tcpPath(NS, "absent"), renamed.toString()).json();
    assertThat(missing.get("code").getAsInt()).isIn(400, 404);
    JsonObject absent = created.deepCopy();
    absent.getAsJsonObject("metadata").addProperty("name", "absent");
    client.put(Samples.tcpPath(NS, "absent"), absent.toString()).expect(404);
    assertThat(client.get(path).json()).isEqualTo(created);
  }

  @Test
  void generationBumpsOnlyOnSpecChangesAndStatusIsIgnored() {
    JsonObject created = create("gen");
    String path = Samples.tcpPath(NS, "gen");

    JsonObject noop = client.put(path, created.toString()).expect(200).json();
    assertThat(rv(noop)).isEqualTo(rv(created));
    assertThat(noop).isEqualTo(created);

    JsonObject labels = created.deepCopy();
    labels.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("x", "y");
    labels.getAsJsonObject("metadata").addProperty("generation", 42);
    labels.add("status", Json.parse("{\"controlPlaneEndpoint\":\"1.2.3.4:6443\"}"));
    JsonObject afterLabels = client.put(path, labels.toString()).expect(200).json();
    assertThat(at(afterLabels, "metadata.generation").getAsLong()).isEqualTo(1);
    assertThat(rv(afterLabels)).isNotEqualTo(rv(created));
    assertThat(string(afterLabels, "metadata.labels.x")).isEqualTo("y");
    assertThat(afterLabels.has("status")).isFalse();

    JsonObject spec = afterLabels.deepCopy();
    spec.getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("deployment")
        .addProperty("replicas", 3);
    JsonObject afterSpec = client.put(path, spec.toString()).expect(200).json();
    assertThat(at(afterSpec, "metadata.generation").getAsLong()).isEqualTo(2);
    assertThat(at(afterSpec, "spec.controlPlane.deployment.replicas").getAsInt()).isEqualTo(3);
    assertThat(string(afterSpec, "metadata.uid")).isEqualTo(string(created, "metadata.uid"));
    assertThat(string(afterSpec, "metadata.creationTimestamp"))
        .isEqualTo(string(created, "metadata.creationTimestamp"));
  }

  @Test
  void statusSubresourceChangesOnlyStatus() {
    JsonObject created = create("status");
    String path = Samples.tcpPath(NS, "status");

    JsonObject got = client.get(path + "/status").expect(200).json();
    assertThat(got).isEqualTo(created);

    JsonObject body = created.deepCopy();
    body.add(
        "status",
        Json.parse(
            "{\"controlPlaneEndpoint\":\"10.0.0.10:6443\","
                + "\"kubernetesResources\":{\"version\":{\"version\":\"v1.35.7\","
                + "\"status\":\"Ready\"}}}"));
    body.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("ignored", "yes");
    body.getAsJsonObject("spec").getAsJsonObject("kubernetes").addProperty("version", "v1.34.0");
    JsonObject put =
        client.put(path + "/status?fieldManager=kamaji", body.toString()).expect(200).json();
    assertThat(string(put, "status.controlPlaneEndpoint")).isEqualTo("10.0.0.10:6443");
    assertThat(string(put, "metadata.labels.ignored")).isNull();
    assertThat(string(put, "spec.kubernetes.version")).isEqualTo("v1.35.7");
    assertThat(at(put, "metadata.generation").getAsLong()).isEqualTo(1);
    assertThat(rv(put)).isNotEqualTo(rv(created));
    assertThat(managedEntry(put, "kamaji")).isNotNull();
    assertThat(string(managedEntry(put, "kamaji"), "subresource")).isEqualTo("status");

    // stale resourceVersion on the status subresource
    client.put(path + "/status", body.toString()).expect(409);

    JsonObject patched =
        client
            .patch(
                path + "/status",
                "application/merge-patch+json",
                "{\"status\":{\"controlPlaneEndpoint\":\"10.0.0.11:6443\"},"
                    + "\"spec\":{\"kubernetes\":{\"version\":\"v1.34.0\"}}}")
            .expect(200)
            .json();
    assertThat(string(patched, "status.controlPlaneEndpoint")).isEqualTo("10.0.0.11:6443");
    assertThat(string(patched, "status.kubernetesResources.version.status")).isEqualTo("Ready");
    assertThat(string(patched, "spec.kubernetes.version")).isEqualTo("v1.35.7");
    assertThat(at(patched, "metadata.generation").getAsLong()).isEqualTo(1);

    // the main resource ignores status, also through patches
    JsonObject main =
        client
            .patch(
                path,
                "application/merge-patch+json",
                "{\"status\":{\"controlPlaneEndpoint\":\"9.9.9.9:6443\"}}")
            .expect(200)
            .json();
    assertThat(string(main, "status.controlPlaneEndpoint")).isEqualTo("10.0.0.11:6443");
    assertThat(rv(main)).isEqualTo(rv(patched));
  }

  @Test
  void dataStoreStatusSubresource() {
    JsonObject ds =
        client
            .post(Samples.dataStores(), Samples.dataStore("ds-status").toString())
            .expect(201)
            .json();
    assertThat(at(ds, "metadata.namespace")).isNull();
    JsonObject patched =
        client
            .patch(
                Samples.dataStorePath("ds-status") + "/status",
                "application/merge-patch+json",
                "{\"status\":{\"ready\":true}}")
            .expect(200)
            .json();
    assertThat(at(patched, "status.ready").getAsBoolean()).isTrue();
    assertThat(at(patched, "metadata.generation").getAsLong()).isEqualTo(1);
  }

  @Test
  void scaleSubresource() {
    JsonObject created = create("scaled");
    String path = Samples.tcpPath(NS, "scaled", "scale");

    RestClient.Response r = client.get(path).expect(200);
    JsonObject scale = r.json();
    assertThat(string(scale, "kind")).isEqualTo("Scale");
    assertThat(string(scale, "apiVersion")).isEqualTo("autoscaling/v1");
    assertThat(string(scale, "metadata.name")).isEqualTo("scaled");
    assertThat(string(scale, "metadata.namespace")).isEqualTo(NS);
    assertThat(string(scale, "metadata.uid")).isEqualTo(string(created, "metadata.uid"));
    assertThat(rv(scale)).isEqualTo(rv(created));
    assertThat(at(scale, "spec.replicas").getAsInt()).isEqualTo(2);
    assertThat(at(scale, "status.replicas").getAsInt()).isEqualTo(0);

    JsonObject put = scale.deepCopy();
    put.getAsJsonObject("spec").addProperty("replicas", 3);
    JsonObject afterPut = client.put(path, put.toString()).expect(200).json();
    assertThat(at(afterPut, "spec.replicas").getAsInt()).isEqualTo(3);
    // the same Scale again carries a stale resourceVersion
    client.put(path, put.toString()).expect(409);

    JsonObject afterPatch =
        client
            .patch(path, "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}")
            .expect(200)
            .json();
    assertThat(at(afterPatch, "spec.replicas").getAsInt()).isEqualTo(4);

    JsonObject tcp = client.get(Samples.tcpPath(NS, "scaled")).json();
    assertThat(at(tcp, "spec.controlPlane.deployment.replicas").getAsInt()).isEqualTo(4);
    assertThat(at(tcp, "metadata.generation").getAsLong()).isEqualTo(3);
    assertThat(rv(tcp)).isEqualTo(rv(afterPatch));

    JsonObject negative =
        client
            .patch(path, "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}")
            .expect(422)
            .json();
    assertThat(string(negative, "reason")).isEqualTo("Invalid");
    client.get(Samples.tcpPath(NS, "nope", "scale")).expect(404);
  }

  static JsonObject managedEntry(JsonObject object, String manager) {
    for (var e : object.getAsJsonObject("metadata").getAsJsonArray("managedFields")) {
      if (manager.equals(string(e, "manager"))) {
        return e.getAsJsonObject();
      }
    }
    return null;
  }
}
