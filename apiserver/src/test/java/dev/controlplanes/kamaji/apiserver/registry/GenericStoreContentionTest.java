package dev.controlplanes.kamaji.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreResource;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreStrategy;
import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.Store;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Writes that carry no resourceVersion of their own (kubectl label, annotate, scale, merge patches)
 * must not fail because other writers keep winning the race for the same object: kube retries them
 * until the request times out and never answers 409. Updates start from the watch cache's copy,
 * which may lag behind the store: that must cost a fresh read, never a lost change or a wrong 409.
 * GETs take the watch cache's encoding only at the revision the store returned.
 */
class GenericStoreContentionTest {

  private static final String DATASTORE =
      """
      {"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"DataStore","metadata":{"name":"ds"},
       "spec":{"driver":"etcd","endpoints":["etcd-0.storage.svc:2379"],
        "tlsConfig":{
         "certificateAuthority":{
          "certificate":{"secretReference":{"name":"ca","namespace":"s","keyPath":"ca.crt"}},
          "privateKey":{"secretReference":{"name":"ca","namespace":"s","keyPath":"ca.key"}}},
         "clientCertificate":{
          "certificate":{"secretReference":{"name":"c","namespace":"s","keyPath":"tls.crt"}},
          "privateKey":{"secretReference":{"name":"c","namespace":"s","keyPath":"tls.key"}}}}}}
      """;

  private final ContendedStore backend = new ContendedStore();
  private final GenericStore store =
      new GenericStore(
          DataStoreResource.create(Schemas.dataStore(), new DataStoreStrategy()),
          backend,
          "/registry",
          new SchemaChecks(Schemas.dataStore()),
          new ManagedFieldsTracker(Schemas.dataStore()),
          NamespaceLifecycle.NONE,
          Clock.systemUTC());
  private final WriteOptions options = new WriteOptions(false, "kubectl-label", "Strict", "");

  @Test
  void anUnconditionalUpdateOutlastsManyConcurrentWriters() {
    store.create("", json(DATASTORE), options);
    backend.conflicts = 40;

    JsonObject updated =
        store
            .guaranteedUpdate(
                "",
                "ds",
                current -> {
                  Meta.metadata(current).add("labels", json("{\"env\":\"dev\"}"));
                  return current;
                },
                options)
            .object();

    assertThat(Meta.metadata(updated).getAsJsonObject("labels").get("env").getAsString())
        .isEqualTo("dev");
    assertThat(backend.conflicts).isZero();
  }

  @Test
  void aDeleteOutlastsManyConcurrentWriters() {
    store.create("", json(DATASTORE), options);
    backend.conflicts = 40;

    assertThat(store.delete("", "ds", new DeleteOptions(null, null, null, false)).removed())
        .isTrue();
    assertThat(store.find("", "ds")).isEmpty();
  }

  @Test
  void anUpdateStartsFromTheWatchCachesCopyWithoutReadingTheStore() {
    JsonObject created = store.create("", json(DATASTORE), options).object();
    store.useCache(cacheHolding(created));
    backend.gets = 0;

    store.guaranteedUpdate("", "ds", current -> label(current, "env", "dev"), options);

    assertThat(backend.gets).isZero();
    assertThat(labels(store.get("", "ds"))).containsEntry("env", "dev");
  }

  @Test
  void aStaleCachedCopyCostsOneFreshReadAndLosesNoChange() {
    JsonObject stale = store.create("", json(DATASTORE), options).object();
    store.guaranteedUpdate("", "ds", current -> label(current, "team", "a"), options);
    store.useCache(cacheHolding(stale));
    backend.gets = 0;

    store.guaranteedUpdate("", "ds", current -> label(current, "env", "dev"), options);

    assertThat(backend.gets).isEqualTo(1);
    assertThat(labels(store.get("", "ds"))).containsEntry("team", "a").containsEntry("env", "dev");
  }

  @Test
  void aClientResourceVersionIsJudgedOnTheStoreNotOnAStaleCache() {
    JsonObject stale = store.create("", json(DATASTORE), options).object();
    JsonObject newest =
        store.guaranteedUpdate("", "ds", current -> label(current, "team", "a"), options).object();
    store.useCache(cacheHolding(stale));

    JsonObject desired = label(newest.deepCopy(), "env", "dev");
    store.update("", "ds", desired, options);

    assertThat(labels(store.get("", "ds"))).containsEntry("env", "dev");
  }

  @Test
  void aNoOpOnAStaleCacheIsCheckedOnTheStore() {
    JsonObject created = store.create("", json(DATASTORE), options).object();
    // The cache believes the label is there already; the store does not have it.
    store.useCache(cacheHolding(label(created.deepCopy(), "env", "dev")));

    store.guaranteedUpdate("", "ds", current -> label(current, "env", "dev"), options);

    assertThat(labels(store.get("", "ds"))).containsEntry("env", "dev");
  }

  @Test
  void aPageFromEtcdIsTheCachedEncodingAtTheRevisionEtcdListsElseItsValuesAreRead() {
    JsonObject a = store.create("", json(DATASTORE.replace("\"ds\"", "\"a\"")), options).object();
    JsonObject b = store.create("", json(DATASTORE.replace("\"ds\"", "\"b\"")), options).object();
    store.guaranteedUpdate("", "b", current -> label(current, "team", "a"), options);
    // The cache holds a marked copy of a at its revision, and a marked copy of b that is stale.
    Map<String, ObjectCache.Encoded> cached = new HashMap<>();
    cached.put(store.resourceRoot() + "a", encodedFrom(marked(a)));
    cached.put(store.resourceRoot() + "b", encodedFrom(marked(b)));
    store.useCache(cacheOf(cached));

    backend.valueLists = 0;
    ListPage first = store.list(query("", 1, null));
    assertThat(backend.valueLists).as("values read for a page the cache holds").isZero();
    ListPage second = store.list(query("", 1, first.continueToken()));
    assertThat(backend.valueLists).as("values read for a page the cache holds stale").isOne();

    assertThat(first.encodedItems())
        .singleElement()
        .isSameAs(cached.get(store.resourceRoot() + "a").json());
    assertThat(first.remainingItemCount()).isEqualTo(1);
    assertThat(second.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(Meta.uid(item)).isNotEqualTo("marks-the-cached-copy");
              assertThat(labels(item)).containsEntry("team", "a");
            });
    assertThat(second.continueToken()).isNull();
  }

  @Test
  void aPageReadFromEtcdFiltersCachedItemsOnTheirLabels() {
    JsonObject a = store.create("", json(DATASTORE.replace("\"ds\"", "\"a\"")), options).object();
    store.create("", json(DATASTORE.replace("\"ds\"", "\"b\"")), options);
    store.guaranteedUpdate("", "b", current -> label(current, "team", "a"), options);
    store.useCache(cacheOf(Map.of(store.resourceRoot() + "a", encodedFrom(marked(a)))));

    ListPage page = store.list(query("team=a", 10, null));

    assertThat(page.items()).extracting(Meta::name).containsExactly("b");
    assertThat(page.remainingItemCount()).isNull();
  }

  private static JsonObject marked(JsonObject object) {
    JsonObject copy = object.deepCopy();
    Meta.metadata(copy).addProperty("uid", "marks-the-cached-copy");
    return copy;
  }

  private static ListQuery query(String labels, long limit, String continueToken) {
    return new ListQuery(
        "",
        labels.isEmpty() ? LabelSelector.EVERYTHING : LabelSelector.parse(labels),
        FieldSelector.EVERYTHING,
        "",
        null,
        limit,
        continueToken);
  }

  private static ObjectCache.Encoded encodedFrom(JsonObject object) {
    return new ObjectCache.Encoded(
        Long.parseLong(Meta.resourceVersion(object)),
        Codec.toJsonBytes(object, false),
        Meta.namespace(object),
        Meta.name(object),
        Meta.labels(object));
  }

  /** A watch cache that holds {@code objects} by key. */
  private static ObjectCache cacheOf(Map<String, ObjectCache.Encoded> objects) {
    return cache(objects::get);
  }

  /** A watch cache that answers no list and holds what {@code byKey} gives (null: nothing). */
  private static ObjectCache cache(Function<String, ObjectCache.Encoded> byKey) {
    return new ObjectCache() {
      @Override
      public Optional<ListPage> list(String keyPrefix, ListQuery query, long minRevision) {
        return Optional.empty();
      }

      @Override
      public Optional<JsonObject> current(String key) {
        return encoded(key).map(e -> Codec.parseJson(e.json()).getAsJsonObject());
      }

      @Override
      public Optional<Encoded> encoded(String key) {
        return Optional.ofNullable(byKey.apply(key));
      }
    };
  }

  private static JsonObject label(JsonObject object, String key, String value) {
    JsonObject metadata = Meta.metadata(object);
    if (!metadata.has("labels")) {
      metadata.add("labels", new JsonObject());
    }
    metadata.getAsJsonObject("labels").addProperty(key, value);
    return object;
  }

  private static Map<String, String> labels(JsonObject object) {
    return Meta.labels(object);
  }

  /** A watch cache that holds {@code object} (possibly behind the store) under any key. */
  private static ObjectCache cacheHolding(JsonObject object) {
    return cache(key -> encodedFrom(object));
  }

  @Test
  void aGetAnswersWithTheCachedEncodingOnlyAtTheRevisionEtcdReturned() {
    long revision =
        Long.parseLong(Meta.resourceVersion(store.create("", json(DATASTORE), options).object()));
    JsonObject cached = store.get("", "ds");
    Meta.metadata(cached).addProperty("uid", "marks-the-cached-copy");
    store.useCache(cacheHolding(cached));

    assertThat(new String(store.getJson("", "ds"), StandardCharsets.UTF_8))
        .contains("marks-the-cached-copy");
    assertThat(backend.gets).isEqualTo(2);

    backend.conflicts = 1; // another writer moves the object to a newer revision
    assertThatThrownBy(() -> backend.update(store.resourceRoot() + "ds", revision, new byte[0]))
        .isInstanceOf(StorageException.class);
    JsonObject fresh =
        JsonParser.parseString(new String(store.getJson("", "ds"), StandardCharsets.UTF_8))
            .getAsJsonObject();

    assertThat(Meta.uid(fresh)).isNotEqualTo("marks-the-cached-copy");
    assertThat(Meta.resourceVersion(fresh)).isEqualTo(Long.toString(revision + 1));
    assertThat(store.getAnyVersionJson("", "ds"))
        .asString(StandardCharsets.UTF_8)
        .contains("marks-the-cached-copy");
  }

  @Test
  void anAsynchronousGetAnswersAsAGetDoes() {
    store.create("", json(DATASTORE), options);
    JsonObject cached = store.get("", "ds");
    Meta.metadata(cached).addProperty("uid", "marks-the-cached-copy");

    assertThat(store.getJsonAsync("", "ds").join()).isEqualTo(store.getJson("", "ds"));
    store.useCache(cacheHolding(cached));
    assertThat(store.getJsonAsync("", "ds").join())
        .asString(StandardCharsets.UTF_8)
        .contains("marks-the-cached-copy");
  }

  @Test
  void anAsynchronousGetFailsWithTheStatusAGetThrows() {
    assertThat(asyncFailure(() -> store.getJsonAsync("", "nope").join()).code()).isEqualTo(404);

    backend.failReads = new StorageException(StorageException.Code.UNREACHABLE, "k", "down");
    StatusException unreachable = asyncFailure(() -> store.getJsonAsync("", "ds").join());
    // kube's NewServerTimeout, as for a synchronous read: 500 with reason ServerTimeout
    assertThat(unreachable.code()).isEqualTo(500);
    assertThat(unreachable.reason()).isEqualTo("ServerTimeout");
    assertThat(unreachable.getMessage())
        .isEqualTo(
            catchThrowableOfType(StatusException.class, () -> store.getJson("", "ds"))
                .getMessage());
  }

  private static StatusException asyncFailure(ThrowingCallable get) {
    Throwable failure = catchThrowableOfType(CompletionException.class, get);
    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(StatusException.class);
    return (StatusException) failure.getCause();
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  /** An in-memory store where another writer wins the next {@code conflicts} writes. */
  private static final class ContendedStore implements Store {
    private final Map<String, KeyValue> data = new HashMap<>();
    private long revision = 1;
    int conflicts;
    int gets;
    int valueLists;
    StorageException failReads;

    @Override
    public synchronized KeyValue create(String key, byte[] value) {
      if (data.containsKey(key)) {
        throw new StorageException(StorageException.Code.KEY_EXISTS, key, "exists");
      }
      revision++;
      KeyValue kv = new KeyValue(key, value, revision, revision);
      data.put(key, kv);
      return kv;
    }

    @Override
    public synchronized Optional<KeyValue> get(String key) {
      gets++;
      if (failReads != null) {
        throw failReads;
      }
      return Optional.ofNullable(data.get(key));
    }

    @Override
    public synchronized KeyValue update(String key, long expectedModRevision, byte[] value) {
      checkRace(key, expectedModRevision);
      revision++;
      KeyValue kv = new KeyValue(key, value, data.get(key).createRevision(), revision);
      data.put(key, kv);
      return kv;
    }

    @Override
    public synchronized KeyValue delete(String key, long expectedModRevision) {
      checkRace(key, expectedModRevision);
      revision++;
      KeyValue old = data.remove(key);
      return new KeyValue(key, old.value(), old.createRevision(), revision);
    }

    /** Lets "another writer" change the key first while conflicts remain. */
    private void checkRace(String key, long expectedModRevision) {
      KeyValue current = data.get(key);
      if (current == null) {
        throw new StorageException(StorageException.Code.KEY_NOT_FOUND, key, "not found");
      }
      if (conflicts > 0) {
        conflicts--;
        revision++;
        data.put(key, new KeyValue(key, current.value(), current.createRevision(), revision));
        throw new StorageException(StorageException.Code.CONFLICT, key, "modified");
      }
      if (current.modRevision() != expectedModRevision) {
        throw new StorageException(StorageException.Code.CONFLICT, key, "modified");
      }
    }

    @Override
    public synchronized ListResult list(String prefix, ListOptions options) {
      String start = options.startKey() == null ? prefix : options.startKey();
      List<KeyValue> matching =
          data.values().stream()
              .filter(kv -> kv.key().startsWith(prefix) && kv.key().compareTo(start) >= 0)
              .sorted(Comparator.comparing(KeyValue::key))
              .toList();
      long limit = options.limit() == 0 ? matching.size() : options.limit();
      List<KeyValue> page =
          matching.stream()
              .limit(limit)
              .map(
                  kv ->
                      options.keysOnly()
                          ? new KeyValue(
                              kv.key(), new byte[0], kv.createRevision(), kv.modRevision())
                          : kv)
              .toList();
      valueLists += options.keysOnly() ? 0 : 1;
      return new ListResult(
          page, revision, page.size() < matching.size(), matching.size() - page.size());
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      throw new UnsupportedOperationException();
    }

    @Override
    public synchronized long currentRevision() {
      return revision;
    }

    @Override
    public void compact(long revision) {}

    @Override
    public boolean isHealthy() {
      return true;
    }

    @Override
    public void close() {}
  }
}
