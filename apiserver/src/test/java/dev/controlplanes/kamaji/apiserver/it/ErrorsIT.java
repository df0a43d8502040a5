package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.at;
import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.Json;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Container;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rejected requests: exact codes, reasons and messages, and nothing stored by them. */
class ErrorsIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "errors";

  private final RestClient client = RestClient.admin(api);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  private static JsonObject status(RestClient.Response r, int code, String reason) {
    r.expect(code);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonObject status = r.json();
    assertThat(string(status, "kind")).isEqualTo("Status");
    assertThat(string(status, "apiVersion")).isEqualTo("v1");
    assertThat(string(status, "status")).isEqualTo("Failure");
    assertThat(string(status, "reason")).isEqualTo(reason);
    assertThat(at(status, "code").getAsInt()).isEqualTo(code);
    return status;
  }

  @Test
  void alreadyExists() {
    client.post(Samples.tcps(NS), Samples.tcp(NS, "twice").toString()).expect(201);
    RestClient.Response r = client.post(Samples.tcps(NS), Samples.tcp(NS, "twice").toString());
    JsonObject s = status(r, 409, "AlreadyExists");
    assertThat(string(s, "message"))
        .isEqualTo("tenantcontrolplanes.kamaji.clastix.io \"twice\" already exists");
    assertThat(at(s, "details").toString())
        .isEqualTo(
            "{\"name\":\"twice\",\"group\":\"kamaji.clastix.io\",\"kind\":\"tenantcontrolplanes\"}");
  }

  @Test
  void bodyMustMatchTheEndpoint() {
    JsonObject s =
        status(
            client.post(Samples.tcps("other"), Samples.tcp(NS, "mismatch").toString()),
            400,
            "BadRequest");
    assertThat(string(s, "message"))
        .isEqualTo(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");

    JsonObject wrongVersion = Samples.tcp(NS, "wrong");
    wrongVersion.addProperty("apiVersion", "kamaji.clastix.io/v1");
    s = status(client.post(Samples.tcps(NS), wrongVersion.toString()), 400, "BadRequest");
    assertThat(string(s, "message"))
        .isEqualTo(
            "the API version in the data (kamaji.clastix.io/v1) does not match the expected API"
                + " version (kamaji.clastix.io/v1alpha1)");

    JsonObject wrongKind = Samples.tcp(NS, "wrong");
    wrongKind.addProperty("kind", "DataStore");
    s = status(client.post(Samples.tcps(NS), wrongKind.toString()), 400, "BadRequest");
    assertThat(string(s, "message")).contains("DataStore").contains("TenantControlPlane");

    s =
        status(
            client.post(Samples.dataStores(), Samples.tcp(NS, "wrong").toString()),
            400,
            "BadRequest");
    assertThat(string(s, "message")).contains("TenantControlPlane").contains("DataStore");
    client.get(Samples.tcpPath(NS, "wrong")).expect(404);
  }

  @Test
  void malformedBodies() {
    status(client.post(Samples.tcps(NS), "{\"apiVersion\": "), 400, "BadRequest");
    status(client.post(Samples.tcps(NS), "[1,2]"), 400, "BadRequest");
    status(
        client.post(Samples.tcps(NS), "kind: [unclosed", "Content-Type", "application/yaml"),
        400,
        "BadRequest");
    JsonObject s =
        status(
            client.post(Samples.tcps(NS), "name=x", "Content-Type", "text/plain"),
            415,
            "UnsupportedMediaType");
    assertThat(string(s, "message"))
        .isEqualTo(
            "the body of the request was in an unknown format - accepted media types include:"
                + " application/json, application/yaml");

    String yaml =
        new String(Codec.toYamlBytes(Samples.dataStore("from-yaml")), StandardCharsets.UTF_8);
    JsonObject created =
        client
            .post(Samples.dataStores(), yaml, "Content-Type", "application/yaml")
            .expect(201)
            .json();
    assertThat(string(created, "metadata.name")).isEqualTo("from-yaml");
  }

  @Test
  void bodiesOverThreeMebibytesAre413() {
    JsonObject tcp = Samples.tcp(NS, "huge");
    tcp.getAsJsonObject("metadata")
        .add("annotations", Json.parse("{\"big\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"));
    RestClient.Response r =
        client.sendBytes(
            "POST",
            Samples.tcps(NS),
            tcp.toString().getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    JsonObject s = status(r, 413, "RequestEntityTooLarge");
    assertThat(string(s, "message")).isEqualTo("Request entity too large: limit is 3145728");
    client.get(Samples.tcpPath(NS, "huge")).expect(404);
  }

  @Test
  void fieldValidation() {
    JsonObject tcp = Samples.tcp(NS, "unknown-strict");
    tcp.getAsJsonObject("spec").addProperty("bogus", true);
    assertThat(strictlyRejected(tcp))
        .isEqualTo(
            "TenantControlPlane in version \"v1alpha1\" cannot be handled as a"
                + " TenantControlPlane: strict decoding error: unknown field \"spec.bogus\"");
    client.get(Samples.tcpPath(NS, "unknown-strict")).expect(404);

    tcp.getAsJsonObject("metadata").addProperty("name", "unknown-warn");
    RestClient.Response warn = client.post(Samples.tcps(NS), tcp.toString()).expect(201);
    assertThat(warn.headers("Warning"))
        .containsExactly("299 - \"unknown field \\\"spec.bogus\\\"\"");
    assertThat(at(warn.json(), "spec.bogus")).isNull();

    tcp.getAsJsonObject("metadata").addProperty("name", "unknown-ignore");
    RestClient.Response ignore =
        client.post(Samples.tcps(NS) + "?fieldValidation=Ignore", tcp.toString()).expect(201);
    assertThat(ignore.headers("Warning")).isEmpty();

    JsonObject s =
        status(
            client.post(Samples.tcps(NS) + "?fieldValidation=Loud", tcp.toString()),
            422,
            "Invalid");
    assertThat(string(s, "message"))
        .isEqualTo(
            "CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value:"
                + " \"Loud\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
  }

  /** Creates {@code tcp} under fieldValidation=Strict, expects a 400 and returns its message. */
  private String strictlyRejected(JsonObject tcp) {
    RestClient.Response r =
        client.post(Samples.tcps(NS) + "?fieldValidation=Strict", tcp.toString());
    return string(status(r, 400, "BadRequest"), "message");
  }

  @Test
  void unknownFieldsInsideEmbeddedKubernetesTypesArePrunedSoClientJavaDecodesTheObject() {
    JsonObject tcp = Samples.tcp(NS, "embedded-unknown");
    JsonObject container =
        Json.parse(
            "{\"name\": \"sidecar\", \"image\": \"busybox\", \"typo\": 1,"
                + " \"resources\": {\"limits\": {\"cpu\": \"1\"}, \"bogus\": {}}}");
    JsonArray containers = new JsonArray();
    containers.add(container);
    tcp.getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("deployment")
        .add("additionalContainers", containers);

    assertThat(strictlyRejected(tcp))
        .endsWith(
            "strict decoding error: unknown field"
                + " \"spec.controlPlane.deployment.additionalContainers[0].typo\", unknown field"
                + " \"spec.controlPlane.deployment.additionalContainers[0].resources.bogus\"");

    RestClient.Response created = client.post(Samples.tcps(NS), tcp.toString()).expect(201);
    assertThat(created.headers("Warning")).hasSize(2);
    JsonObject stored = client.get(Samples.tcpPath(NS, "embedded-unknown")).expect(200).json();
    TenantControlPlane decoded = JSON.getGson().fromJson(stored, TenantControlPlane.class);
    V1Container sidecar =
        decoded.getSpec().getControlPlane().getDeployment().getAdditionalContainers().get(0);
    assertThat(sidecar.getImage()).isEqualTo("busybox");
    assertThat(sidecar.getResources().getLimits()).containsKey("cpu");
  }

  @Test
  void duplicateFieldsUnderStrictValidation() {
    String body = Samples.tcp(NS, "dup").toString();
    String duplicated = body.replaceFirst("\\{", "{\"kind\":\"TenantControlPlane\",");
    JsonObject s =
        status(
            client.post(Samples.tcps(NS) + "?fieldValidation=Strict", duplicated),
            400,
            "BadRequest");
    assertThat(string(s, "message")).contains("strict decoding error: duplicate field \"kind\"");
    RestClient.Response warn = client.post(Samples.tcps(NS), duplicated).expect(201);
    assertThat(warn.headers("Warning")).containsExactly("299 - \"duplicate field \\\"kind\\\"\"");
  }

  @Test
  void invalidObjectsAre422WithCauses() {
    JsonObject badName = Samples.tcp(NS, "T_1");
    JsonObject s = status(client.post(Samples.tcps(NS), badName.toString()), 422, "Invalid");
    assertThat(string(s, "message"))
        .startsWith(
            "TenantControlPlane.kamaji.clastix.io \"T_1\" is invalid: metadata.name: Invalid"
                + " value: \"T_1\": a DNS-1035 label must consist of lower case alphanumeric"
                + " characters or '-', start with an alphabetic character, and end with an"
                + " alphanumeric character");
    assertThat(string(s, "details.name")).isEqualTo("T_1");
    assertThat(string(s, "details.group")).isEqualTo("kamaji.clastix.io");
    assertThat(string(s, "details.kind")).isEqualTo("TenantControlPlane");
    assertThat(string(s, "details.causes.0.reason")).isEqualTo("FieldValueInvalid");
    assertThat(string(s, "details.causes.0.field")).isEqualTo("metadata.name");
    assertThat(string(s, "details.causes.0.message")).startsWith("Invalid value: \"T_1\": ");

    JsonObject badCidr = Samples.tcp(NS, "bad-cidr");
    badCidr
        .getAsJsonObject("spec")
        .getAsJsonObject("networkProfile")
        .add("serviceCidrs", Json.parse("{\"a\":[\"10.96.0.0/99\"]}").getAsJsonArray("a"));
    s = status(client.post(Samples.tcps(NS), badCidr.toString()), 422, "Invalid");
    assertThat(string(s, "message"))
        .startsWith("TenantControlPlane.kamaji.clastix.io \"bad-cidr\" is invalid: ")
        .contains("spec.networkProfile.serviceCidrs");
    JsonArray causes = at(s, "details.causes").getAsJsonArray();
    assertThat(causes).isNotEmpty();
    assertThat(string(causes.get(0), "field")).startsWith("spec.networkProfile.serviceCidrs");
    client.get(Samples.tcpPath(NS, "bad-cidr")).expect(404);

    JsonObject noName = Samples.tcp(NS, "x");
    noName.getAsJsonObject("metadata").remove("name");
    s = status(client.post(Samples.tcps(NS), noName.toString()), 422, "Invalid");
    assertThat(string(s, "message"))
        .isEqualTo(
            "TenantControlPlane.kamaji.clastix.io \"\" is invalid: metadata.name: Required value:"
                + " name or generateName is required");
    assertThat(string(s, "details.causes.0.reason")).isEqualTo("FieldValueRequired");
  }

  @Test
  void resourceVersionOnCreateIsRejected() {
    JsonObject tcp = Samples.tcp(NS, "with-rv");
    tcp.getAsJsonObject("metadata").addProperty("resourceVersion", "12");
    RestClient.Response r = client.post(Samples.tcps(NS), tcp.toString());
    // kube answers 500 here; a 4xx is the documented, friendlier choice
    assertThat(r.status()).isBetween(400, 499);
    assertThat(string(r.json(), "message"))
        .isEqualTo("resourceVersion should not be set on objects to be created");
    client.get(Samples.tcpPath(NS, "with-rv")).expect(404);
  }

  @Test
  void methodsAndMediaTypesNotServed() {
    client.post(Samples.tcps(NS), Samples.tcp(NS, "methods").toString()).expect(201);
    JsonObject s =
        status(
            client.post(Samples.tcpPath(NS, "methods"), Samples.tcp(NS, "methods").toString()),
            405,
            "MethodNotAllowed");
    assertThat(string(s, "message"))
        .isEqualTo(
            "POST is not supported on resources of kind \"tenantcontrolplanes.kamaji.clastix.io\"");
    status(client.put(Samples.tcps(NS), "{}"), 405, "MethodNotAllowed");
    status(
        client.patch(Samples.tcps(NS), "application/merge-patch+json", "{}"),
        405,
        "MethodNotAllowed");

    s =
        status(
            client.get(
                Samples.tcpPath(NS, "methods"), "Accept", "application/vnd.kubernetes.protobuf"),
            406,
            "NotAcceptable");
    assertThat(string(s, "message"))
        .isEqualTo(
            "only the following media types are accepted: application/json, application/yaml");
    status(client.get(Samples.tcps(NS), "Accept", "text/html"), 406, "NotAcceptable");
    client.get(Samples.tcps(NS), "Accept", "text/html, */*").expect(200);
  }

  @Test
  void subresourcesServeOnlyTheirVerbs() {
    client.post(Samples.tcps(NS), Samples.tcp(NS, "sub-verbs").toString()).expect(201);
    String path = Samples.tcpPath(NS, "sub-verbs");
    JsonObject s = status(client.delete(path + "/status"), 405, "MethodNotAllowed");
    assertThat(string(s, "message"))
        .isEqualTo(
            "DELETE is not supported on resources of kind"
                + " \"tenantcontrolplanes.kamaji.clastix.io\"");
    status(client.delete(path + "/scale"), 405, "MethodNotAllowed");
    status(client.post(path + "/status", "{}"), 405, "MethodNotAllowed");
    status(client.get(path + "/nope"), 404, "NotFound");
    client.get(path).expect(200);
    client.delete(Samples.dataStorePath("default") + "/status").expect(405);
    client.get(Samples.dataStorePath("default")).expect(200);
  }

  @Test
  void rejectedRequestsLeaveTheStoredObjectIntact() {
    String path = Samples.tcpPath(NS, "intact");
    JsonObject created =
        client.post(Samples.tcps(NS), Samples.tcp(NS, "intact").toString()).expect(201).json();
    JsonObject before = client.get(path).expect(200).json();

    JsonObject stale = before.deepCopy();
    stale.getAsJsonObject("metadata").addProperty("resourceVersion", "1");
    stale.getAsJsonObject("spec").getAsJsonObject("kubernetes").addProperty("version", "v1.34.0");
    client.put(path, stale.toString()).expect(409);

    JsonObject invalid = before.deepCopy();
    invalid
        .getAsJsonObject("spec")
        .getAsJsonObject("networkProfile")
        .add("serviceCidrs", Json.parse("{\"a\":[\"nope\"]}").getAsJsonArray("a"));
    client.put(path, invalid.toString()).expect(422);

    JsonObject strict = before.deepCopy();
    strict.getAsJsonObject("spec").addProperty("bogus", 1);
    client.put(path + "?fieldValidation=Strict", strict.toString()).expect(400);

    client
        .patch(
            path,
            "application/json-patch+json",
            "[{\"op\":\"test\",\"path\":\"/spec/dataStore\",\"value\":\"other\"},"
                + "{\"op\":\"replace\",\"path\":\"/spec/dataStore\",\"value\":\"x\"}]")
        .expect(422);
    client.patch(path, "application/json-patch+json", "{\"op\":\"remove\"}").expect(400);
    client.patch(path, "application/merge-patch+json", "{not json").expect(400);
    client
        .patch(path, "application/strategic-merge-patch+json", "{\"spec\":{\"dataStore\":\"x\"}}")
        .expect(415);
    client
        .patch(
            path,
            "application/merge-patch+json",
            "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"dataStore\":\"x\"}}")
        .expect(409);
    client
        .patch(
            path,
            "application/merge-patch+json",
            "{\"spec\":{\"networkProfile\":{\"serviceCidrs\":[\"bad\"]}}}")
        .expect(422);
    client
        .patch(
            path + "/status",
            "application/merge-patch+json",
            "{\"metadata\":{\"resourceVersion\":\"1\"},\"status\":{\"controlPlaneEndpoint\":\"x\"}}")
        .expect(409);
    client
        .patch(path + "/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":-3}}")
        .expect(422);
    client
        .delete(
            path,
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\"x\"}}")
        .expect(409);
    client
        .delete(
            path,
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"resourceVersion\":\"1\"}}")
        .expect(409);
    client.delete(path + "?propagationPolicy=Sideways").expect(422);
    client.post(Samples.tcps(NS) + "?dryRun=All", before.toString()).expect(400);
    client.put(path + "?dryRun=All", modifiedSpec(before).toString()).expect(200);
    client
        .patch(
            path + "?dryRun=All",
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"dry\":\"run\"}}}")
        .expect(200);
    client.delete(path + "?dryRun=All").expect(200);

    JsonObject after = client.get(path).expect(200).json();
    assertThat(after).isEqualTo(before);
    assertThat(after).isEqualTo(created);
  }

  private static JsonObject modifiedSpec(JsonObject object) {
    JsonObject copy = object.deepCopy();
    copy.getAsJsonObject("spec")
        .getAsJsonObject("controlPlane")
        .getAsJsonObject("deployment")
        .addProperty("replicas", 5);
    return copy;
  }
}
