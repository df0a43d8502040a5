package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.at;
import static dev.controlplanes.kamaji.apiserver.testing.Json.rv;
import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.Json;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** List: paging, selectors, resourceVersion semantics, Table and PartialObjectMetadataList. */
class ListIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";
  static final String KUBECTL_GET =
      "application/json;as=Table;v=v1;g=meta.k8s.io,"
          + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  static final String KCM_LIST =
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,"
          + "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
  static final String KCM_ONE =
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
          + "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

  private static final String SEL = "selectors";

  private final RestClient client = RestClient.admin(api);

  @BeforeAll
  static void objects() {
    RestClient client = RestClient.admin(api);
    Samples.ensureDefaultDataStore(client);
    // name -> env, tier labels
    String[][] objects = {
      {"s-dev-web", "dev", "web"},
      {"s-dev-db", "dev", "db"},
      {"s-prod-web", "prod", "web"},
      {"s-none", null, null},
    };
    for (String[] o : objects) {
      JsonObject tcp = Samples.tcp(SEL, o[0]);
      JsonObject labels = tcp.getAsJsonObject("metadata").getAsJsonObject("labels");
      if (o[1] != null) {
        labels.addProperty("env", o[1]);
        labels.addProperty("tier", o[2]);
      }
      client.post(Samples.tcps(SEL), tcp.toString()).expect(201);
    }
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private List<String> names(String query) {
    return Json.names(client.get(Samples.tcps(SEL) + "?" + query).expect(200).json());
  }

  @Test
  void listShape() {
    RestClient.Response r = client.get(Samples.tcps(SEL)).expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonObject list = r.json();
    assertThat(string(list, "kind")).isEqualTo("TenantControlPlaneList");
    assertThat(string(list, "apiVersion")).isEqualTo("kamaji.clastix.io/v1alpha1");
    assertThat(rv(list)).matches("[1-9][0-9]*");
    assertThat(at(list, "metadata.continue")).isNull();
    assertThat(Json.names(list)).containsExactly("s-dev-db", "s-dev-web", "s-none", "s-prod-web");
    for (JsonElement item : list.getAsJsonArray("items")) {
      assertThat(string(item, "kind")).isEqualTo("TenantControlPlane");
      assertThat(string(item, "apiVersion")).isEqualTo("kamaji.clastix.io/v1alpha1");
      assertThat(rv(item)).isNotNull();
    }
    JsonObject empty = client.get(Samples.tcps("nothing-here")).expect(200).json();
    assertThat(empty.getAsJsonArray("items")).isEmpty();
    assertThat(rv(empty)).matches("[1-9][0-9]*");
  }

  @Test
  void labelSelectors() {
    assertThat(names("labelSelector=" + q("env=dev"))).containsExactly("s-dev-db", "s-dev-web");
    assertThat(names("labelSelector=" + q("env==dev,tier=web"))).containsExactly("s-dev-web");
    assertThat(names("labelSelector=" + q("env in (dev,prod)")))
        .containsExactly("s-dev-db", "s-dev-web", "s-prod-web");
    assertThat(names("labelSelector=" + q("env notin (dev)")))
        .containsExactly("s-none", "s-prod-web");
    assertThat(names("labelSelector=" + q("env!=dev"))).containsExactly("s-none", "s-prod-web");
    assertThat(names("labelSelector=" + q("!env"))).containsExactly("s-none");
    assertThat(names("labelSelector=" + q("tier")))
        .containsExactly("s-dev-db", "s-dev-web", "s-prod-web");
    assertThat(names("labelSelector=" + q("tier,env notin (prod),tier!=db")))
        .containsExactly("s-dev-web");
    // kube-aggregator re-encodes spaces as '+'
    assertThat(names("labelSelector=env+in+%28prod%29")).containsExactly("s-prod-web");

    for (String bad : new String[] {"env in dev", "env=(", "=x", "a b c", "env in (a,b"}) {
      JsonObject status =
          client.get(Samples.tcps(SEL) + "?labelSelector=" + q(bad)).expect(400).json();
      assertThat(string(status, "reason")).as(bad).isEqualTo("BadRequest");
      assertThat(string(status, "message")).as(bad).startsWith("unable to parse requirement");
    }
  }

  @Test
  void fieldSelectors() {
    assertThat(names("fieldSelector=" + q("metadata.name=s-none"))).containsExactly("s-none");
    assertThat(names("fieldSelector=" + q("metadata.name==s-none"))).containsExactly("s-none");
    assertThat(names("fieldSelector=" + q("metadata.name!=s-none,metadata.namespace=" + SEL)))
        .containsExactly("s-dev-db", "s-dev-web", "s-prod-web");
    assertThat(names("fieldSelector=" + q("metadata.namespace=elsewhere"))).isEmpty();
    assertThat(
            names("fieldSelector=" + q("metadata.name=s-dev-web") + "&labelSelector=" + q("env")))
        .containsExactly("s-dev-web");

    JsonObject status =
        client.get(Samples.tcps(SEL) + "?fieldSelector=" + q("spec.foo=x")).expect(400).json();
    assertThat(string(status, "message")).isEqualTo("field label not supported: spec.foo");
    // DataStores are cluster-scoped: no namespace field
    client.get(Samples.dataStores() + "?fieldSelector=" + q("metadata.namespace=x")).expect(400);
    client.get(Samples.dataStores() + "?fieldSelector=" + q("metadata.name=default")).expect(200);
  }

  @Test
  void allNamespaces() {
    client
        .post(Samples.tcps("other-ns"), Samples.tcp("other-ns", "s-elsewhere").toString())
        .expect(201);
    JsonObject list =
        client
            .get(Samples.GV + "/tenantcontrolplanes?labelSelector=" + q("tenant.clastix.io"))
            .expect(200)
            .json();
    List<String> namespaced = new ArrayList<>();
    for (JsonElement item : list.getAsJsonArray("items")) {
      namespaced.add(string(item, "metadata.namespace") + "/" + string(item, "metadata.name"));
    }
    assertThat(namespaced).contains("other-ns/s-elsewhere", SEL + "/s-none");
    assertThat(
            Json.names(
                client
                    .get(
                        Samples.GV
                            + "/tenantcontrolplanes?fieldSelector="
                            + q("metadata.namespace=other-ns"))
                    .json()))
        .containsExactly("s-elsewhere");
  }

  @Test
  void pagingReadsOneConsistentSnapshot() {
    String ns = "paging";
    for (int i = 0; i < 5; i++) {
      client.post(Samples.tcps(ns), Samples.tcp(ns, "p" + i).toString()).expect(201);
    }
    JsonObject first = client.get(Samples.tcps(ns) + "?limit=2").expect(200).json();
    assertThat(Json.names(first)).containsExactly("p0", "p1");
    String token = string(first, "metadata.continue");
    assertThat(token).isNotEmpty();
    assertThat(at(first, "metadata.remainingItemCount").getAsLong()).isEqualTo(3);
    String snapshot = rv(first);

    // writes after the first page must not show in the following ones
    JsonObject p3 = client.get(Samples.tcpPath(ns, "p3")).json();
    client.delete(Samples.tcpPath(ns, "p2")).expect(200);
    client.post(Samples.tcps(ns), Samples.tcp(ns, "p25").toString()).expect(201);
    client
        .patch(
            Samples.tcpPath(ns, "p3"),
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"changed\":\"yes\"}}}")
        .expect(200);

    JsonObject second =
        client.get(Samples.tcps(ns) + "?limit=2&continue=" + q(token)).expect(200).json();
    assertThat(Json.names(second)).containsExactly("p2", "p3");
    assertThat(rv(second)).isEqualTo(snapshot);
    assertThat(second.getAsJsonArray("items").get(1)).isEqualTo(p3);
    assertThat(at(second, "metadata.remainingItemCount").getAsLong()).isEqualTo(1);

    JsonObject third =
        client
            .get(Samples.tcps(ns) + "?limit=2&continue=" + q(string(second, "metadata.continue")))
            .expect(200)
            .json();
    assertThat(Json.names(third)).containsExactly("p4");
    assertThat(at(third, "metadata.continue")).isNull();
    assertThat(at(third, "metadata.remainingItemCount")).isNull();

    // with a selector, no remainingItemCount; pages still hold up to limit matches
    JsonObject selected =
        client
            .get(Samples.tcps(ns) + "?limit=1&labelSelector=" + q("tenant.clastix.io"))
            .expect(200)
            .json();
    assertThat(Json.names(selected)).hasSize(1);
    assertThat(string(selected, "metadata.continue")).isNotEmpty();
    assertThat(at(selected, "metadata.remainingItemCount")).isNull();

    JsonObject bad =
        client
            .get(
                Samples.tcps(ns) + "?limit=2&resourceVersion=" + snapshot + "&continue=" + q(token))
            .expect(400)
            .json();
    assertThat(string(bad, "message"))
        .isEqualTo("specifying resource version is not allowed when using continue");
    client.get(Samples.tcps(ns) + "?continue=garbage").expect(400);
  }

  @Test
  void resourceVersionSemantics() {
    String ns = "rv";
    JsonObject a =
        client.post(Samples.tcps(ns), Samples.tcp(ns, "rv-a").toString()).expect(201).json();
    String afterA = rv(a);
    client.post(Samples.tcps(ns), Samples.tcp(ns, "rv-b").toString()).expect(201);

    // RV with limit (and Exact) is an exact read at that revision
    JsonObject exactLimit =
        client.get(Samples.tcps(ns) + "?limit=10&resourceVersion=" + afterA).expect(200).json();
    assertThat(Json.names(exactLimit)).containsExactly("rv-a");
    assertThat(rv(exactLimit)).isEqualTo(afterA);
    JsonObject exact =
        client
            .get(Samples.tcps(ns) + "?resourceVersion=" + afterA + "&resourceVersionMatch=Exact")
            .expect(200)
            .json();
    assertThat(Json.names(exact)).containsExactly("rv-a");

    // NotOlderThan (explicit or implied without limit) reads the latest state
    JsonObject notOlder =
        client
            .get(
                Samples.tcps(ns)
                    + "?resourceVersion="
                    + afterA
                    + "&resourceVersionMatch=NotOlderThan")
            .expect(200)
            .json();
    assertThat(Json.names(notOlder)).containsExactly("rv-a", "rv-b");
    assertThat(Long.parseLong(rv(notOlder))).isGreaterThan(Long.parseLong(afterA));
    assertThat(Json.names(client.get(Samples.tcps(ns) + "?resourceVersion=" + afterA).json()))
        .containsExactly("rv-a", "rv-b");
    assertThat(Json.names(client.get(Samples.tcps(ns) + "?resourceVersion=0").json()))
        .containsExactly("rv-a", "rv-b");

    JsonObject matchOnly =
        client.get(Samples.tcps(ns) + "?resourceVersionMatch=NotOlderThan").expect(422).json();
    assertThat(string(matchOnly, "message"))
        .isEqualTo(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " resourceVersionMatch is forbidden unless resourceVersion is provided");
    JsonObject exactZero =
        client
            .get(Samples.tcps(ns) + "?resourceVersion=0&resourceVersionMatch=Exact")
            .expect(422)
            .json();
    assertThat(string(exactZero, "message"))
        .isEqualTo(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    client.get(Samples.tcps(ns) + "?resourceVersion=5&resourceVersionMatch=Newest").expect(422);
    client.get(Samples.tcps(ns) + "?sendInitialEvents=true").expect(422);
    JsonObject nonNumeric =
        client.get(Samples.tcps(ns) + "?resourceVersion=abc").expect(400).json();
    assertThat(string(nonNumeric, "message")).startsWith("invalid resource version");
  }

  @Test
  void tooLargeResourceVersionTimesOut() {
    long future = Long.parseLong(rv(client.get(Samples.tcps(SEL)).json())) + 1_000_000;
    JsonObject status =
        client.get(Samples.tcps(SEL) + "?resourceVersion=" + future).expect(504).json();
    assertThat(string(status, "reason")).isEqualTo("Timeout");
    assertThat(string(status, "message"))
        .startsWith("Timeout: Too large resource version: " + future + ", current: ");
    assertThat(at(status, "details.causes").toString())
        .isEqualTo(
            "[{\"reason\":\"ResourceVersionTooLarge\",\"message\":\"Too large resource"
                + " version\"}]");
    assertThat(at(status, "details.retryAfterSeconds").getAsInt()).isEqualTo(1);
  }

  @Test
  void compactedRevisionsAreGone() {
    String ns = "compacted";
    client.post(Samples.tcps(ns), Samples.tcp(ns, "c1").toString()).expect(201);
    client.post(Samples.tcps(ns), Samples.tcp(ns, "c2").toString()).expect(201);
    JsonObject page = client.get(Samples.tcps(ns) + "?limit=1").expect(200).json();
    String old = rv(page);
    JsonObject c3 =
        client.post(Samples.tcps(ns), Samples.tcp(ns, "c3").toString()).expect(201).json();
    api.server().store("tenantcontrolplanes").backend().compact(Long.parseLong(rv(c3)));

    JsonObject exact =
        client
            .get(Samples.tcps(ns) + "?resourceVersion=" + old + "&resourceVersionMatch=Exact")
            .expect(410)
            .json();
    assertThat(string(exact, "reason")).isEqualTo("Expired");
    JsonObject cont =
        client
            .get(Samples.tcps(ns) + "?limit=1&continue=" + q(string(page, "metadata.continue")))
            .expect(410)
            .json();
    assertThat(string(cont, "reason")).isEqualTo("Expired");
    assertThat(string(cont, "message"))
        .isEqualTo(
            "The provided continue parameter is too old to display a consistent list result. You"
                + " can start a new list without the continue parameter.");
    assertThat(Json.names(client.get(Samples.tcps(ns)).expect(200).json()))
        .containsExactly("c1", "c2", "c3");
  }

  @Test
  void tables() {
    RestClient.Response r = client.get(Samples.tcps(SEL) + "?limit=3", "Accept", KUBECTL_GET);
    r.expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonObject table = r.json();
    assertThat(string(table, "kind")).isEqualTo("Table");
    assertThat(string(table, "apiVersion")).isEqualTo("meta.k8s.io/v1");
    assertThat(rv(table)).matches("[1-9][0-9]*");
    assertThat(string(table, "metadata.continue")).isNotEmpty();
    assertThat(at(table, "metadata.remainingItemCount").getAsLong()).isEqualTo(1);
    List<String> columns = new ArrayList<>();
    for (JsonElement c : table.getAsJsonArray("columnDefinitions")) {
      columns.add(string(c, "name"));
      assertThat(c.getAsJsonObject().keySet())
          .containsExactlyInAnyOrder("name", "type", "format", "description", "priority");
    }
    assertThat(columns)
        .containsExactly(
            "Name",
            "Version",
            "Installed Version",
            "Status",
            "Control-Plane endpoint",
            "Kubeconfig",
            "Datastore",
            "Age");
    assertThat(string(table, "columnDefinitions.0.format")).isEqualTo("name");
    assertThat(string(table, "columnDefinitions.7.type")).isEqualTo("date");
    JsonArray rows = table.getAsJsonArray("rows");
    assertThat(rows).hasSize(3);
    JsonObject row = rows.get(0).getAsJsonObject();
    assertThat(string(row, "cells.0")).isEqualTo("s-dev-db");
    assertThat(string(row, "cells.1")).isEqualTo("v1.35.7");
    assertThat(at(row, "cells.2").isJsonNull()).isTrue();
    assertThat(string(row, "cells.7")).matches("\\d+s|\\d+m\\d*s?");
    assertThat(string(row, "object.kind")).isEqualTo("PartialObjectMetadata");
    assertThat(string(row, "object.apiVersion")).isEqualTo("meta.k8s.io/v1");
    assertThat(string(row, "object.metadata.namespace")).isEqualTo(SEL);
    assertThat(string(row, "object.metadata.labels.env")).isEqualTo("dev");
    assertThat(string(row, "object.metadata.uid")).isNotNull();

    JsonObject next =
        client
            .get(
                Samples.tcps(SEL) + "?limit=3&continue=" + q(string(table, "metadata.continue")),
                "Accept",
                TABLE)
            .expect(200)
            .json();
    assertThat(next.getAsJsonArray("rows")).hasSize(1);

    JsonObject full =
        client.get(Samples.tcps(SEL) + "?includeObject=Object", "Accept", TABLE).expect(200).json();
    assertThat(string(full, "rows.0.object.kind")).isEqualTo("TenantControlPlane");
    assertThat(string(full, "rows.0.object.spec.dataStore")).isEqualTo("default");
    JsonObject none =
        client.get(Samples.tcps(SEL) + "?includeObject=None", "Accept", TABLE).expect(200).json();
    assertThat(at(none, "rows.0.object")).isNull();
    JsonObject bad =
        client.get(Samples.tcps(SEL) + "?includeObject=Foo", "Accept", TABLE).expect(400).json();
    assertThat(string(bad, "message"))
        .isEqualTo(
            "Unable to convert to Table as requested: includeObject: Invalid value: \"Foo\": must"
                + " be 'Metadata', 'Object', 'None', or empty");

    JsonObject one =
        client.get(Samples.tcpPath(SEL, "s-none"), "Accept", KUBECTL_GET).expect(200).json();
    assertThat(string(one, "kind")).isEqualTo("Table");
    assertThat(one.getAsJsonArray("rows")).hasSize(1);
    assertThat(string(one, "rows.0.cells.0")).isEqualTo("s-none");

    JsonObject empty = client.get(Samples.tcps("nothing-here"), "Accept", TABLE).expect(200).json();
    assertThat(empty.getAsJsonArray("rows")).isEmpty();
    assertThat(rv(empty)).isNotNull();

    JsonObject dataStores = client.get(Samples.dataStores(), "Accept", TABLE).expect(200).json();
    List<String> dsColumns = new ArrayList<>();
    dataStores.getAsJsonArray("columnDefinitions").forEach(c -> dsColumns.add(string(c, "name")));
    assertThat(dsColumns).containsExactly("Name", "Driver", "Ready", "Age");
    assertThat(string(dataStores, "rows.0.cells.1")).isEqualTo("etcd");
    assertThat(at(dataStores, "rows.0.object.metadata.namespace")).isNull();
  }

  @Test
  void partialObjectMetadata() {
    RestClient.Response r = client.get(Samples.tcps(SEL) + "?limit=500", "Accept", KCM_LIST);
    r.expect(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonObject list = r.json();
    assertThat(string(list, "kind")).isEqualTo("PartialObjectMetadataList");
    assertThat(string(list, "apiVersion")).isEqualTo("meta.k8s.io/v1");
    assertThat(rv(list)).isNotNull();
    assertThat(list.getAsJsonArray("items")).hasSize(4);
    JsonObject item = list.getAsJsonArray("items").get(0).getAsJsonObject();
    assertThat(item.keySet()).containsExactlyInAnyOrder("kind", "apiVersion", "metadata");
    assertThat(string(item, "kind")).isEqualTo("PartialObjectMetadata");
    assertThat(string(item, "metadata.name")).isEqualTo("s-dev-db");
    assertThat(string(item, "metadata.uid")).isNotNull();

    JsonObject one =
        client.get(Samples.tcpPath(SEL, "s-none"), "Accept", KCM_ONE).expect(200).json();
    assertThat(string(one, "kind")).isEqualTo("PartialObjectMetadata");
    assertThat(one.has("spec")).isFalse();

    // a metadata-only PATCH, as the garbage collector sends it
    JsonObject patched =
        client
            .patch(
                Samples.tcpPath(SEL, "s-none"),
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"gc\":\"seen\"}}}",
                "Accept",
                KCM_ONE)
            .expect(200)
            .json();
    assertThat(string(patched, "kind")).isEqualTo("PartialObjectMetadata");
    assertThat(string(patched, "metadata.labels.gc")).isEqualTo("seen");

    client
        .get(
            Samples.tcps(SEL),
            "Accept",
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1")
        .expect(406);
    client
        .get(
            Samples.tcpPath(SEL, "s-none"),
            "Accept",
            "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1")
        .expect(406);
    JsonObject notAcceptable =
        client
            .get(Samples.tcps(SEL), "Accept", "application/vnd.kubernetes.protobuf")
            .expect(406)
            .json();
    assertThat(string(notAcceptable, "reason")).isEqualTo("NotAcceptable");
  }
}
