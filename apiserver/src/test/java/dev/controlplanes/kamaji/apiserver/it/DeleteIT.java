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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DELETE with CRD semantics: finalizers, preconditions, propagation and deletecollection. */
class DeleteIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "delete";
  private static final String MERGE = "application/merge-patch+json";

  private final RestClient client = RestClient.admin(api);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  private JsonObject create(String name, String... finalizers) {
    JsonObject tcp = Samples.tcp(NS, name);
    if (finalizers.length > 0) {
      com.google.gson.JsonArray array = new com.google.gson.JsonArray();
      for (String f : finalizers) {
        array.add(f);
      }
      tcp.getAsJsonObject("metadata").add("finalizers", array);
    }
    return client.post(Samples.tcps(NS), tcp.toString()).expect(201).json();
  }

  @Test
  void deleteWithoutFinalizersAnswersASuccessStatus() {
    JsonObject created = create("plain");
    RestClient.Response r = client.delete(Samples.tcpPath(NS, "plain")).expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                + "\"details\":{\"name\":\"plain\",\"group\":\"kamaji.clastix.io\","
                + "\"kind\":\"tenantcontrolplanes\",\"uid\":\""
                + string(created, "metadata.uid")
                + "\"}}");
    client.get(Samples.tcpPath(NS, "plain")).expect(404);
    JsonObject again = client.delete(Samples.tcpPath(NS, "plain")).expect(404).json();
    assertThat(string(again, "message"))
        .isEqualTo("tenantcontrolplanes.kamaji.clastix.io \"plain\" not found");

    JsonObject ds =
        client
            .post(Samples.dataStores(), Samples.dataStore("doomed").toString())
            .expect(201)
            .json();
    JsonObject dsDeleted =
        client
            .delete(
                Samples.dataStorePath("doomed"),
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"meta.k8s.io/v1\","
                    + "\"propagationPolicy\":\"Background\"}")
            .expect(200)
            .json();
    assertThat(at(dsDeleted, "details").toString())
        .isEqualTo(
            "{\"name\":\"doomed\",\"group\":\"kamaji.clastix.io\",\"kind\":\"datastores\",\"uid\":\""
                + string(ds, "metadata.uid")
                + "\"}");
  }

  @Test
  void finalizersHoldTheObjectUntilTheLastIsRemoved() {
    JsonObject created = create("held", "example.com/hold");
    String path = Samples.tcpPath(NS, "held");
    JsonObject deleting = client.delete(path).expect(200).json();
    assertThat(string(deleting, "kind")).isEqualTo("TenantControlPlane");
    String timestamp = string(deleting, "metadata.deletionTimestamp");
    assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(at(deleting, "metadata.deletionGracePeriodSeconds").getAsLong()).isZero();
    assertThat(at(deleting, "metadata.generation").getAsLong()).isEqualTo(2);
    assertThat(rv(deleting)).isNotEqualTo(rv(created));
    assertThat(client.get(path).expect(200).json()).isEqualTo(deleting);

    JsonObject repeated = client.delete(path).expect(200).json();
    assertThat(string(repeated, "metadata.deletionTimestamp")).isEqualTo(timestamp);
    assertThat(rv(repeated)).isEqualTo(rv(deleting));

    JsonObject more = deleting.deepCopy();
    more.getAsJsonObject("metadata")
        .add(
            "finalizers",
            Json.parse("{\"f\":[\"example.com/hold\",\"example.com/more\"]}").get("f"));
    JsonObject forbidden = client.put(path, more.toString()).expect(422).json();
    assertThat(string(forbidden, "message"))
        .isEqualTo(
            "TenantControlPlane.kamaji.clastix.io \"held\" is invalid: metadata.finalizers:"
                + " Forbidden: no new finalizers can be added if the object is being deleted, found"
                + " new finalizers []string{\"example.com/more\"}");

    // how the garbage collector removes finalizers: RV precondition and null
    JsonObject last =
        client
            .patch(
                path,
                MERGE,
                "{\"metadata\":{\"resourceVersion\":\"" + rv(deleting) + "\",\"finalizers\":null}}")
            .expect(200)
            .json();
    assertThat(at(last, "metadata.finalizers")).isNull();
    client.get(path).expect(404);
  }

  @Test
  void preconditions() {
    JsonObject created = create("pre");
    String path = Samples.tcpPath(NS, "pre");
    String uid = string(created, "metadata.uid");
    JsonObject wrongUid =
        client
            .delete(
                path,
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                    + "\"preconditions\":{\"uid\":\"not-the-uid\"}}")
            .expect(409)
            .json();
    assertThat(string(wrongUid, "reason")).isEqualTo("Conflict");
    assertThat(string(wrongUid, "message"))
        .isEqualTo(
            "Operation cannot be fulfilled on TenantControlPlane.kamaji.clastix.io \"pre\": the UID"
                + " in the precondition (not-the-uid) does not match the UID in record ("
                + uid
                + "). The object might have been deleted and then recreated");

    JsonObject wrongRv =
        client.delete(path + "?preconditions.resourceVersion=1").expect(409).json();
    assertThat(string(wrongRv, "message"))
        .isEqualTo(
            "Operation cannot be fulfilled on TenantControlPlane.kamaji.clastix.io \"pre\": the"
                + " ResourceVersion in the precondition (1) does not match the ResourceVersion in"
                + " record ("
                + rv(created)
                + "). The object might have been modified");
    client.get(path).expect(200);

    client
        .delete(
            path,
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\""
                + uid
                + "\",\"resourceVersion\":\""
                + rv(created)
                + "\"}}")
        .expect(200);
    client.get(path).expect(404);
  }

  @Test
  void propagationPoliciesAddTheirFinalizers() {
    create("fg");
    JsonObject foreground =
        client
            .delete(
                Samples.tcpPath(NS, "fg"),
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                    + "\"propagationPolicy\":\"Foreground\"}")
            .expect(200)
            .json();
    assertThat(Json.strings(foreground, "metadata.finalizers"))
        .containsExactly("foregroundDeletion");
    assertThat(string(foreground, "metadata.deletionTimestamp")).isNotNull();

    create("orphan", "example.com/keep");
    JsonObject orphan =
        client
            .delete(Samples.tcpPath(NS, "orphan") + "?propagationPolicy=Orphan")
            .expect(200)
            .json();
    assertThat(Json.strings(orphan, "metadata.finalizers"))
        .containsExactly("example.com/keep", "orphan");

    create("orphan-deps");
    JsonObject legacy =
        client
            .delete(
                Samples.tcpPath(NS, "orphan-deps"),
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"orphanDependents\":true}")
            .expect(200)
            .json();
    assertThat(Json.strings(legacy, "metadata.finalizers")).containsExactly("orphan");

    // the garbage collector's finalizer removal deletes the object
    client
        .patch(
            Samples.tcpPath(NS, "fg"),
            MERGE,
            "{\"metadata\":{\"resourceVersion\":\"" + rv(foreground) + "\",\"finalizers\":null}}")
        .expect(200);
    client.get(Samples.tcpPath(NS, "fg")).expect(404);

    create("bad-policy");
    JsonObject bad =
        client
            .delete(Samples.tcpPath(NS, "bad-policy") + "?propagationPolicy=Sideways")
            .expect(422)
            .json();
    assertThat(string(bad, "message"))
        .isEqualTo(
            "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value:"
                + " \"Sideways\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    client
        .delete(
            Samples.tcpPath(NS, "bad-policy"),
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"orphanDependents\":true,"
                + "\"propagationPolicy\":\"Background\"}")
        .expect(422);
    client.get(Samples.tcpPath(NS, "bad-policy")).expect(200);
  }

  @Test
  void dryRunDeleteKeepsTheObject() {
    create("dry-del");
    RestClient.Response r =
        client.delete(Samples.tcpPath(NS, "dry-del") + "?dryRun=All").expect(200);
    assertThat(string(r.json(), "status")).isEqualTo("Success");
    client
        .delete(
            Samples.tcpPath(NS, "dry-del"),
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"dryRun\":[\"All\"]}")
        .expect(200);
    client.get(Samples.tcpPath(NS, "dry-del")).expect(200);
  }

  @Test
  void deleteCollectionWithALabelSelector() {
    String ns = "delete-collection";
    for (String[] spec : new String[][] {{"dc-a1", "a"}, {"dc-a2", "a"}, {"dc-b", "b"}}) {
      JsonObject tcp = Samples.tcp(ns, spec[0]);
      tcp.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("group", spec[1]);
      client.post(Samples.tcps(ns), tcp.toString()).expect(201);
    }
    JsonObject deleted =
        client
            .send(
                "DELETE",
                Samples.tcps(ns) + "?labelSelector=group%3Da",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                    + "\"propagationPolicy\":\"Background\"}",
                "Content-Type",
                "application/json")
            .expect(200)
            .json();
    assertThat(string(deleted, "kind")).isEqualTo("TenantControlPlaneList");
    assertThat(Json.names(deleted)).containsExactlyInAnyOrder("dc-a1", "dc-a2");
    assertThat(Json.names(client.get(Samples.tcps(ns)).expect(200).json())).containsExactly("dc-b");

    client.delete(Samples.tcps(ns) + "?labelSelector=bad%20%3D%3D%3D").expect(400);
    client.delete(Samples.tcps(ns)).expect(200);
    assertThat(Json.names(client.get(Samples.tcps(ns)).json())).isEmpty();
  }
}
