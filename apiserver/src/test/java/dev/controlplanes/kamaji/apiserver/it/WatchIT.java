package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.at;
import static dev.controlplanes.kamaji.apiserver.testing.Json.rv;
import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.RestClient.WatchStream;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watch streams: start points, selectors, bookmarks, initial events, timeouts, 410, shapes. */
class WatchIT {

  /** A short watch history, so that a watch can fall behind it. */
  @RegisterExtension static ApiServerExtension api = new ApiServerExtension(20);

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration QUIET = Duration.ofMillis(600);
  private static final String MERGE = "application/merge-patch+json";

  private final RestClient client = RestClient.admin(api);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  private JsonObject create(String ns, String name) {
    return client.post(Samples.tcps(ns), Samples.tcp(ns, name).toString()).expect(201).json();
  }

  private JsonObject label(String ns, String name, String key, String value) {
    String v = value == null ? "null" : "\"" + value + "\"";
    return client
        .patch(
            Samples.tcpPath(ns, name),
            MERGE,
            "{\"metadata\":{\"labels\":{\"" + key + "\":" + v + "}}}")
        .expect(200)
        .json();
  }

  private WatchStream watch(String ns, String query, String... headers) {
    WatchStream w = client.watch(Samples.tcps(ns) + "?watch=true&" + query, headers);
    if (w.status() != 200) {
      throw new AssertionError("watch answered " + w.status() + ": " + w.errorBody());
    }
    return w;
  }

  private static String listRv(RestClient client, String path) {
    return rv(client.get(path).expect(200).json());
  }

  private static void assertEvent(JsonObject event, String type, String name) {
    assertThat(string(event, "type")).as(event.toString()).isEqualTo(type);
    assertThat(string(event, "object.kind")).isEqualTo("TenantControlPlane");
    assertThat(string(event, "object.apiVersion")).isEqualTo("kamaji.clastix.io/v1alpha1");
    assertThat(string(event, "object.metadata.name")).isEqualTo(name);
  }

  @Test
  void fromTheListResourceVersionOnlyChangesArrive() {
    String ns = "w-changes";
    create(ns, "before");
    String listRv = listRv(client, Samples.tcps(ns));
    try (WatchStream w = watch(ns, "resourceVersion=" + listRv)) {
      assertThat(w.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(w.poll(QUIET)).isNull();

      JsonObject created = create(ns, "w1");
      JsonObject added = w.next(WAIT);
      assertEvent(added, "ADDED", "w1");
      assertThat(rv(added.getAsJsonObject("object"))).isEqualTo(rv(created));

      JsonObject labelled = label(ns, "w1", "a", "b");
      JsonObject modified = w.next(WAIT);
      assertEvent(modified, "MODIFIED", "w1");
      assertThat(rv(modified.getAsJsonObject("object"))).isEqualTo(rv(labelled));
      assertThat(string(modified, "object.metadata.labels.a")).isEqualTo("b");

      // a no-op write is no event
      label(ns, "w1", "a", "b");
      assertThat(w.poll(QUIET)).isNull();

      client.delete(Samples.tcpPath(ns, "w1")).expect(200);
      JsonObject deleted = w.next(WAIT);
      assertEvent(deleted, "DELETED", "w1");
      long deleteRv = Long.parseLong(rv(deleted.getAsJsonObject("object")));
      assertThat(deleteRv).isGreaterThan(Long.parseLong(rv(labelled)));
      assertThat(string(deleted, "object.metadata.labels.a")).isEqualTo("b");
      assertThat(Long.parseLong(listRv(client, Samples.tcps(ns)))).isGreaterThanOrEqualTo(deleteRv);
    }
  }

  @Test
  void withoutResourceVersionExistingObjectsComeFirstAsAdded() {
    String ns = "w-initial";
    create(ns, "i1");
    create(ns, "i2");
    for (String query : new String[] {"", "resourceVersion=0"}) {
      try (WatchStream w = watch(ns, query)) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          JsonObject event = w.next(WAIT);
          assertThat(string(event, "type")).isEqualTo("ADDED");
          names.add(string(event, "object.metadata.name"));
        }
        assertThat(names).containsExactlyInAnyOrder("i1", "i2");
        assertThat(w.poll(QUIET)).isNull();
        label(ns, "i1", "seen", query.isEmpty() ? "unset" : "zero");
        assertEvent(w.next(WAIT), "MODIFIED", "i1");
      }
    }
  }

  @Test
  void selectorTransitionsAreAddedModifiedDeleted() {
    String ns = "w-selector";
    String start = listRv(client, Samples.tcps(ns));
    try (WatchStream w =
        watch(
            ns,
            "resourceVersion="
                + start
                + "&labelSelector="
                + URLEncoder.encode("watched=yes", StandardCharsets.UTF_8))) {
      create(ns, "sel");
      assertThat(w.poll(QUIET)).isNull();

      label(ns, "sel", "watched", "yes");
      assertEvent(w.next(WAIT), "ADDED", "sel");
      label(ns, "sel", "other", "1");
      assertEvent(w.next(WAIT), "MODIFIED", "sel");
      JsonObject unlabelled = label(ns, "sel", "watched", "no");
      JsonObject left = w.next(WAIT);
      assertEvent(left, "DELETED", "sel");
      // the last state that matched, at the revision of the change
      assertThat(string(left, "object.metadata.labels.watched")).isEqualTo("yes");
      assertThat(rv(left.getAsJsonObject("object"))).isEqualTo(rv(unlabelled));

      label(ns, "sel", "other", "2");
      assertThat(w.poll(QUIET)).isNull();
    }
  }

  @Test
  void singleObjectWatches() {
    String ns = "w-single";
    create(ns, "one");
    create(ns, "two");
    String start = listRv(client, Samples.tcps(ns));
    try (WatchStream byField =
            watch(ns, "resourceVersion=" + start + "&fieldSelector=metadata.name%3Dtwo");
        WatchStream legacy =
            client.watch(
                Samples.GV
                    + "/watch/namespaces/"
                    + ns
                    + "/tenantcontrolplanes/two?resourceVersion="
                    + start)) {
      assertThat(legacy.status()).isEqualTo(200);
      label(ns, "one", "x", "1");
      label(ns, "two", "x", "1");
      assertEvent(byField.next(WAIT), "MODIFIED", "two");
      assertEvent(legacy.next(WAIT), "MODIFIED", "two");
      assertThat(byField.poll(QUIET)).isNull();
      assertThat(legacy.poll(Duration.ofMillis(100))).isNull();
    }
  }

  @Test
  void aNamespacedWatchSeesNoOtherNamespace() {
    String mine = "w-ns-mine";
    String other = "w-ns-other";
    create(other, "same-name");
    String start = listRv(client, Samples.tcps(mine));
    try (WatchStream w = watch(mine, "resourceVersion=" + start);
        WatchStream initial =
            watch(
                mine,
                "sendInitialEvents=true&allowWatchBookmarks=true"
                    + "&resourceVersionMatch=NotOlderThan&resourceVersion=")) {
      // The stream of initial events ends with its bookmark; nothing of the other namespace.
      JsonObject bookmark = initial.next(WAIT);
      assertThat(string(bookmark, "type")).as(bookmark.toString()).isEqualTo("BOOKMARK");

      create(other, "elsewhere");
      label(other, "same-name", "a", "b");
      client.delete(Samples.tcpPath(other, "same-name")).expect(200);
      create(mine, "same-name");

      JsonObject first = w.next(WAIT);
      assertEvent(first, "ADDED", "same-name");
      assertThat(string(first, "object.metadata.namespace")).isEqualTo(mine);
      assertThat(w.poll(QUIET)).isNull();
      JsonObject added = initial.next(WAIT);
      assertEvent(added, "ADDED", "same-name");
      assertThat(string(added, "object.metadata.namespace")).isEqualTo(mine);
      assertThat(pollSkippingBookmarks(initial)).isNull();
    }
  }

  /** The next event that is not a (periodic) bookmark, or null when none comes for a while. */
  private static JsonObject pollSkippingBookmarks(WatchStream w) {
    JsonObject event = w.poll(QUIET);
    while (event != null && "BOOKMARK".equals(string(event, "type"))) {
      event = w.poll(QUIET);
    }
    return event;
  }

  @Test
  void allNamespacesAndDataStores() {
    String start = listRv(client, Samples.GV + "/tenantcontrolplanes");
    try (WatchStream tcps =
            client.watch(Samples.GV + "/tenantcontrolplanes?watch=1&resourceVersion=" + start);
        WatchStream dataStores =
            client.watch(Samples.dataStores() + "?watch=true&resourceVersion=" + start)) {
      create("w-all-a", "all-a");
      create("w-all-b", "all-b");
      client.post(Samples.dataStores(), Samples.dataStore("watched-ds").toString()).expect(201);
      assertThat(string(tcps.next(WAIT), "object.metadata.namespace")).isEqualTo("w-all-a");
      assertThat(string(tcps.next(WAIT), "object.metadata.namespace")).isEqualTo("w-all-b");
      JsonObject ds = dataStores.next(WAIT);
      assertThat(string(ds, "type")).isEqualTo("ADDED");
      assertThat(string(ds, "object.kind")).isEqualTo("DataStore");
      assertThat(string(ds, "object.metadata.name")).isEqualTo("watched-ds");
    }
  }

  @Test
  void bookmarksOnlyWhenAllowed() {
    String ns = "w-bookmarks";
    String start = listRv(client, Samples.tcps(ns));
    try (WatchStream with = watch(ns, "allowWatchBookmarks=true&resourceVersion=" + start);
        WatchStream without = watch(ns, "resourceVersion=" + start)) {
      JsonObject bookmark = with.next(WAIT);
      assertThat(string(bookmark, "type")).isEqualTo("BOOKMARK");
      JsonObject object = bookmark.getAsJsonObject("object");
      assertThat(string(object, "kind")).isEqualTo("TenantControlPlane");
      assertThat(string(object, "apiVersion")).isEqualTo("kamaji.clastix.io/v1alpha1");
      assertThat(object.getAsJsonObject("metadata").keySet()).containsExactly("resourceVersion");
      assertThat(Long.parseLong(rv(object))).isGreaterThanOrEqualTo(Long.parseLong(start));
      assertThat(without.poll(Duration.ofMillis(1500))).isNull();
    }
  }

  @Test
  void sendInitialEventsEndsWithTheInitialEventsEndBookmark() {
    String ns = "w-watchlist";
    JsonObject a = create(ns, "wl-a");
    JsonObject b = create(ns, "wl-b");
    // exactly what client-go's watch-list (informers, kubectl 1.35+) sends
    try (WatchStream w =
        watch(
            ns,
            "sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"
                + "&resourceVersion=&timeoutSeconds=30")) {
      List<String> names = new ArrayList<>();
      names.add(string(w.next(WAIT), "object.metadata.name"));
      names.add(string(w.next(WAIT), "object.metadata.name"));
      assertThat(names).containsExactlyInAnyOrder("wl-a", "wl-b");
      JsonObject end = w.next(WAIT);
      assertThat(string(end, "type")).isEqualTo("BOOKMARK");
      JsonObject annotations = at(end, "object.metadata.annotations").getAsJsonObject();
      assertThat(annotations.get("k8s.io/initial-events-end").getAsString()).isEqualTo("true");
      long endRv = Long.parseLong(rv(end.getAsJsonObject("object")));
      assertThat(endRv)
          .isGreaterThanOrEqualTo(Long.parseLong(rv(a)))
          .isGreaterThanOrEqualTo(Long.parseLong(rv(b)));
      create(ns, "wl-c");
      JsonObject next = w.next(WAIT);
      while ("BOOKMARK".equals(string(next, "type"))) {
        next = w.next(WAIT);
      }
      assertEvent(next, "ADDED", "wl-c");
    }

    // with a resourceVersion: initial state not older than it
    try (WatchStream w =
        watch(
            ns,
            "sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"
                + "&resourceVersion="
                + rv(a))) {
      for (int i = 0; i < 3; i++) {
        assertThat(string(w.next(WAIT), "type")).isEqualTo("ADDED");
      }
      assertThat(string(w.next(WAIT), "type")).isEqualTo("BOOKMARK");
    }

    // sendInitialEvents=false: start now, nothing replayed
    try (WatchStream w =
        watch(ns, "sendInitialEvents=false&resourceVersionMatch=NotOlderThan&resourceVersion=")) {
      assertThat(w.poll(QUIET)).isNull();
    }

    JsonObject noMatch =
        client.get(Samples.tcps(ns) + "?watch=true&sendInitialEvents=true").expect(422).json();
    assertThat(string(noMatch, "message"))
        .isEqualTo(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    JsonObject matchOnly =
        client
            .get(
                Samples.tcps(ns)
                    + "?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1")
            .expect(422)
            .json();
    assertThat(string(matchOnly, "message"))
        .isEqualTo(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " resourceVersionMatch is forbidden for watch unless sendInitialEvents is"
                + " provided");
  }

  @Test
  void timeoutSecondsEndsTheStreamCleanly() {
    String ns = "w-timeout";
    long started = System.nanoTime();
    try (WatchStream w =
        watch(ns, "timeoutSeconds=1&resourceVersion=" + listRv(client, Samples.tcps(ns)))) {
      assertThat(w.awaitEnd(Duration.ofSeconds(5))).isTrue();
      assertThat(w.endedCleanly()).isTrue();
      assertThat(w.lines()).isEmpty();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    // the connection is still usable afterwards (keep-alive)
    client.get(Samples.tcps(ns)).expect(200);
  }

  @Test
  void tooOldResourceVersionIsGone() {
    JsonObject ds =
        client.post(Samples.dataStores(), Samples.dataStore("churn").toString()).expect(201).json();
    String old = rv(ds);
    for (int i = 0; i < 25; i++) {
      client
          .patch(
              Samples.dataStorePath("churn"),
              MERGE,
              "{\"metadata\":{\"labels\":{\"n\":\"" + i + "\"}}}")
          .expect(200);
    }
    WatchStream w = client.watch(Samples.dataStores() + "?watch=true&resourceVersion=" + old);
    String body;
    if (w.status() == 200) {
      // kube's cacher answers 200 and one ERROR event
      JsonObject event = w.next(WAIT);
      assertThat(string(event, "type")).isEqualTo("ERROR");
      body = event.getAsJsonObject("object").toString();
    } else {
      assertThat(w.status()).isEqualTo(410);
      body = w.errorBody();
    }
    w.close();
    JsonObject status = dev.controlplanes.kamaji.apiserver.testing.Json.parse(body);
    assertThat(string(status, "kind")).isEqualTo("Status");
    assertThat(string(status, "reason")).isEqualTo("Expired");
    assertThat(at(status, "code").getAsInt()).isEqualTo(410);
    assertThat(string(status, "message")).startsWith("too old resource version: " + old + " (");
  }

  @Test
  void watchStreamsAreJsonOnly() {
    String ns = "w-yaml";
    String start = listRv(client, Samples.tcps(ns));
    // YAML has no stream framing: kube negotiates watches among streaming formats only
    RestClient.Response yaml =
        client.get(
            Samples.tcps(ns) + "?watch=true&resourceVersion=" + start,
            "Accept",
            "application/yaml");
    assertThat(yaml.status()).isEqualTo(406);
    assertThat(string(yaml.json(), "reason")).isEqualTo("NotAcceptable");
    try (WatchStream w =
        watch(ns, "resourceVersion=" + start, "Accept", "application/yaml, application/json")) {
      assertThat(w.headers().firstValue("Content-Type")).hasValue("application/json");
      create(ns, "y1");
      assertEvent(w.next(WAIT), "ADDED", "y1");
    }
  }

  @Test
  void tableAndPartialObjectMetadataEvents() {
    String ns = "w-shapes";
    String start = listRv(client, Samples.tcps(ns));
    try (WatchStream table = watch(ns, "resourceVersion=" + start, "Accept", ListIT.KUBECTL_GET);
        WatchStream partial =
            watch(
                ns,
                "resourceVersion=" + start,
                "Accept",
                "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
                    + "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1")) {
      create(ns, "shape");
      label(ns, "shape", "x", "1");

      JsonObject first = table.next(WAIT);
      assertThat(string(first, "type")).isEqualTo("ADDED");
      assertThat(string(first, "object.kind")).isEqualTo("Table");
      assertThat(string(first, "object.apiVersion")).isEqualTo("meta.k8s.io/v1");
      assertThat(first.getAsJsonObject("object").has("columnDefinitions")).isTrue();
      assertThat(first.getAsJsonObject("object").getAsJsonArray("rows")).hasSize(1);
      assertThat(string(first, "object.rows.0.cells.0")).isEqualTo("shape");
      assertThat(string(first, "object.rows.0.object.kind")).isEqualTo("PartialObjectMetadata");
      JsonObject second = table.next(WAIT);
      assertThat(string(second, "type")).isEqualTo("MODIFIED");
      assertThat(second.getAsJsonObject("object").has("columnDefinitions")).isFalse();
      assertThat(second.getAsJsonObject("object").getAsJsonArray("rows")).hasSize(1);

      JsonObject p1 = partial.next(WAIT);
      assertThat(string(p1, "type")).isEqualTo("ADDED");
      assertThat(string(p1, "object.kind")).isEqualTo("PartialObjectMetadata");
      assertThat(string(p1, "object.apiVersion")).isEqualTo("meta.k8s.io/v1");
      assertThat(p1.getAsJsonObject("object").has("spec")).isFalse();
      JsonObject p2 = partial.next(WAIT);
      assertThat(string(p2, "object.metadata.labels.x")).isEqualTo("1");
    }
  }
}
