package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Discovery, version, health and metrics endpoints, and unauthenticated access, over HTTPS. */
class DiscoveryIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String V2 =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private final RestClient admin = RestClient.admin(api);
  private final RestClient anonymous = RestClient.anonymous(api);

  @Test
  void legacyApisIsAnApiGroupList() {
    RestClient.Response r = admin.get("/apis", "Accept", "application/json").expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonObject list = r.json();
    assertThat(list.get("kind").getAsString()).isEqualTo("APIGroupList");
    assertThat(list.get("apiVersion").getAsString()).isEqualTo("v1");
    JsonObject group = list.getAsJsonArray("groups").get(0).getAsJsonObject();
    assertThat(group.get("name").getAsString()).isEqualTo("kamaji.clastix.io");
    assertThat(group.getAsJsonObject("preferredVersion").get("groupVersion").getAsString())
        .isEqualTo("kamaji.clastix.io/v1alpha1");
    assertThat(
            group.getAsJsonArray("versions").get(0).getAsJsonObject().get("version").getAsString())
        .isEqualTo("v1alpha1");
  }

  @Test
  void aggregatedDiscoveryV2WithEtagAnd304() {
    // client-go's current Accept header, with a profile parameter it must ignore
    RestClient.Response r =
        admin
            .get(
                "/apis",
                "Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer,"
                    + "application/json")
            .expect(200);
    assertThat(r.header("Content-Type")).isEqualTo(V2);
    assertThat(r.header("Vary")).isEqualTo("Accept");
    String etag = r.header("ETag");
    assertThat(etag).matches("\"[0-9A-F]{128}\"");
    JsonObject list = r.json();
    assertThat(list.get("kind").getAsString()).isEqualTo("APIGroupDiscoveryList");
    assertThat(list.get("apiVersion").getAsString()).isEqualTo("apidiscovery.k8s.io/v2");
    JsonObject group = list.getAsJsonArray("items").get(0).getAsJsonObject();
    assertThat(group.getAsJsonObject("metadata").get("name").getAsString())
        .isEqualTo("kamaji.clastix.io");
    JsonObject version = group.getAsJsonArray("versions").get(0).getAsJsonObject();
    assertThat(version.get("version").getAsString()).isEqualTo("v1alpha1");
    Map<String, JsonObject> resources = new HashMap<>();
    for (JsonElement e : version.getAsJsonArray("resources")) {
      resources.put(e.getAsJsonObject().get("resource").getAsString(), e.getAsJsonObject());
    }
    JsonObject tcp = resources.get("tenantcontrolplanes");
    assertThat(tcp.get("scope").getAsString()).isEqualTo("Namespaced");
    assertThat(tcp.get("singularResource").getAsString()).isEqualTo("tenantcontrolplane");
    assertThat(tcp.getAsJsonObject("responseKind").get("kind").getAsString())
        .isEqualTo("TenantControlPlane");
    assertThat(strings(tcp.getAsJsonArray("verbs")))
        .containsExactly(
            "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    assertThat(strings(tcp.getAsJsonArray("shortNames"))).containsExactly("tcp");
    assertThat(strings(tcp.getAsJsonArray("categories"))).containsExactly("kamaji");
    Map<String, JsonObject> subresources = new HashMap<>();
    for (JsonElement e : tcp.getAsJsonArray("subresources")) {
      subresources.put(e.getAsJsonObject().get("subresource").getAsString(), e.getAsJsonObject());
    }
    assertThat(subresources).containsKeys("status", "scale");
    assertThat(subresources.get("scale").getAsJsonObject("responseKind").toString())
        .isEqualTo("{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}");
    JsonObject ds = resources.get("datastores");
    assertThat(ds.get("scope").getAsString()).isEqualTo("Cluster");
    assertThat(ds.has("storageVersionHash")).isFalse();

    RestClient.Response cached =
        admin.get("/apis", "Accept", V2 + ",application/json", "If-None-Match", etag);
    assertThat(cached.status()).isEqualTo(304);
    assertThat(cached.body()).isEmpty();
    assertThat(cached.header("ETag")).isEqualTo(etag);

    RestClient.Response stale = admin.get("/apis", "Accept", V2, "If-None-Match", "\"nope\"");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.header("ETag")).isEqualTo(etag);
  }

  @Test
  void groupDocument() {
    for (String path : new String[] {"/apis/kamaji.clastix.io", "/apis/kamaji.clastix.io/"}) {
      RestClient.Response r = admin.get(path).expect(200);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      JsonObject group = r.json();
      assertThat(group.get("kind").getAsString()).isEqualTo("APIGroup");
      assertThat(group.get("apiVersion").getAsString()).isEqualTo("v1");
      assertThat(group.get("name").getAsString()).isEqualTo("kamaji.clastix.io");
      assertThat(group.getAsJsonObject("preferredVersion").get("version").getAsString())
          .isEqualTo("v1alpha1");
    }
  }

  @Test
  void resourceListWithStorageVersionHashes() {
    for (String path : new String[] {Samples.GV, Samples.GV + "/"}) {
      RestClient.Response r = admin.get(path, "Accept", "application/json").expect(200);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      JsonObject list = r.json();
      assertThat(list.get("kind").getAsString()).isEqualTo("APIResourceList");
      assertThat(list.get("groupVersion").getAsString()).isEqualTo("kamaji.clastix.io/v1alpha1");
      Map<String, JsonObject> byName = new HashMap<>();
      for (JsonElement e : list.getAsJsonArray("resources")) {
        byName.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
      }
      assertThat(byName)
          .containsOnlyKeys(
              "tenantcontrolplanes",
              "tenantcontrolplanes/status",
              "tenantcontrolplanes/scale",
              "tenantcontrolplanes/kubeconfig",
              "datastores",
              "datastores/status");
      JsonObject tcp = byName.get("tenantcontrolplanes");
      assertThat(tcp.get("storageVersionHash").getAsString()).isEqualTo("lP8x8lNQ3jo=");
      assertThat(tcp.get("namespaced").getAsBoolean()).isTrue();
      assertThat(tcp.get("singularName").getAsString()).isEqualTo("tenantcontrolplane");
      assertThat(strings(tcp.getAsJsonArray("shortNames"))).containsExactly("tcp");
      JsonObject ds = byName.get("datastores");
      assertThat(ds.get("storageVersionHash").getAsString()).isEqualTo("XIbFTDxwycI=");
      assertThat(ds.get("namespaced").getAsBoolean()).isFalse();
      assertThat(strings(byName.get("tenantcontrolplanes/status").getAsJsonArray("verbs")))
          .containsExactly("get", "patch", "update");
      assertThat(strings(byName.get("tenantcontrolplanes/kubeconfig").getAsJsonArray("verbs")))
          .containsExactly("get");
      JsonObject scale = byName.get("tenantcontrolplanes/scale");
      assertThat(scale.get("group").getAsString()).isEqualTo("autoscaling");
      assertThat(scale.get("version").getAsString()).isEqualTo("v1");
      assertThat(scale.get("kind").getAsString()).isEqualTo("Scale");
    }
  }

  @Test
  void legacyCoreApiIsNotServed() {
    RestClient.Response r = admin.get("/api").expect(404);
    JsonObject status = r.json();
    assertThat(status.get("kind").getAsString()).isEqualTo("Status");
    assertThat(status.get("reason").getAsString()).isEqualTo("NotFound");
    assertThat(status.get("code").getAsInt()).isEqualTo(404);
  }

  @Test
  void unknownPathsAre404Statuses() {
    JsonObject status = admin.get(Samples.GV + "/nopes").expect(404).json();
    assertThat(status.get("message").getAsString())
        .isEqualTo("the server could not find the requested resource");
    assertThat(status.get("reason").getAsString()).isEqualTo("NotFound");
    admin.get("/apis/other.example.com/v1/things").expect(404);
    // DataStores are cluster-scoped: there is no namespaced path for them
    admin.get(Samples.GV + "/namespaces/default/datastores").expect(404);
  }

  @Test
  void version() {
    RestClient.Response r = admin.get("/version").expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonObject version = r.json();
    for (String field :
        new String[] {
          "major",
          "minor",
          "gitVersion",
          "gitCommit",
          "gitTreeState",
          "buildDate",
          "goVersion",
          "compiler",
          "platform"
        }) {
      assertThat(version.has(field)).as(field).isTrue();
    }
    assertThat(version.get("gitVersion").getAsString()).startsWith("v");
  }

  @Test
  void healthEndpointsNeedNoCredentials() {
    for (String endpoint : new String[] {"healthz", "livez", "readyz"}) {
      RestClient.Response r = anonymous.get("/" + endpoint).expect(200);
      assertThat(r.body()).isEqualTo("ok");
      assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");

      RestClient.Response verbose = anonymous.get("/" + endpoint + "?verbose").expect(200);
      assertThat(verbose.body()).contains("[+]ping ok").endsWith(endpoint + " check passed\n");
    }
    assertThat(anonymous.get("/readyz?verbose").body()).contains("[+]etcd ok");
    assertThat(anonymous.get("/livez?verbose").body()).doesNotContain("etcd");
    assertThat(anonymous.get("/readyz?verbose&exclude=etcd").body())
        .contains("[+]etcd excluded: ok");
    assertThat(anonymous.get("/readyz/ping").expect(200).body()).isEqualTo("ok");
    anonymous.get("/readyz/nope").expect(404);
  }

  @Test
  void metricsNeedCredentials() {
    RestClient.Response r = admin.get("/metrics").expect(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.body()).contains("# TYPE");
    assertUnauthorized(anonymous.get("/metrics"));
  }

  @Test
  void anonymousRequestsAreUnauthorized() {
    assertUnauthorized(anonymous.get(Samples.tcps("default")));
    assertUnauthorized(anonymous.get(Samples.dataStores()));
    assertUnauthorized(anonymous.post(Samples.dataStores(), "{}"));
    assertUnauthorized(anonymous.get("/apis"));
    assertUnauthorized(anonymous.get("/version"));
  }

  private static void assertUnauthorized(RestClient.Response r) {
    r.expect(401);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
  }

  private static java.util.List<String> strings(JsonArray array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }
}
