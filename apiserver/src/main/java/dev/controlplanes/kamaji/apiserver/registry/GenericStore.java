package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The one generic store behind every resource, modelled on k8s.io/apiserver's registry Store:
 * system metadata, resourceVersion preconditions, status isolation, generation, finalizers and
 * deletion, paging, and the translation of storage errors per operation. Per-type behaviour comes
 * from the {@link ResourceType}'s {@link Strategy} and {@link ObjectChecks}.
 *
 * <p>Objects are stored as JSON without {@code metadata.resourceVersion}; the resourceVersion a
 * client sees is the etcd modification revision of the key.
 */
public final class GenericStore {

  /**
   * How long a write keeps retrying after losing a race with other writers. kube retries until the
   * request times out (60 s through kube-apiserver); a lost race means another write succeeded, so
   * a client that sent no resourceVersion must not see a 409 merely because the object is busy.
   */
  private static final long CONFLICT_RETRY_NANOS = 30_000_000_000L;

  private static final int GENERATE_NAME_ATTEMPTS = 8;
  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final ResourceType type;
  private final Store store;
  private final String resourceRoot;
  private final ObjectChecks checks;
  private final FieldTracker tracker;
  private final NamespaceLifecycle namespaces;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile ObjectCache cache;

  public GenericStore(
      ResourceType type,
      Store store,
      String keyRoot,
      ObjectChecks checks,
      FieldTracker tracker,
      NamespaceLifecycle namespaces,
      Clock clock) {
    this.type = type;
    this.namespaces = namespaces;
    this.store = store;
    this.resourceRoot = keyRoot + "/" + type.group() + "/" + type.plural() + "/";
    this.checks = checks;
    this.tracker = tracker;
    this.clock = clock;
  }

  public ResourceType type() {
    return type;
  }

  public Store backend() {
    return store;
  }

  /** The key prefix of every object of this resource. */
  public String resourceRoot() {
    return resourceRoot;
  }

  public String listPrefix(String namespace) {
    return type.namespaced() && !namespace.isEmpty()
        ? resourceRoot + namespace + "/"
        : resourceRoot;
  }

  private String key(String namespace, String name) {
    return type.namespaced() ? resourceRoot + namespace + "/" + name : resourceRoot + name;
  }

  // ---------------------------------------------------------------- reads

  public JsonObject get(String namespace, String name) {
    return find(namespace, name).orElseThrow(() -> Statuses.notFound(type.qualified(), name));
  }

  /** The object, or empty when it does not exist. */
  public Optional<JsonObject> find(String namespace, String name) {
    return read(key(namespace, name), name).map(this::decode);
  }

  /**
   * Whether the object exists: yes when the watch cache holds it, else as etcd says, so a cache
   * that lags behind never denies an object just created (and may vouch a moment longer for one
   * just deleted). For checks of references to it, as Kamaji's webhook reads its manager's cache.
   */
  public boolean exists(String namespace, String name) {
    String key = key(namespace, name);
    ObjectCache objectCache = cache;
    return objectCache != null && objectCache.encoded(key).isPresent()
        || read(key, name).isPresent();
  }

  /** The stored key-value of {@code name}, storage errors translated as a GET's. */
  private Optional<KeyValue> read(String key, String name) {
    try {
      return store.get(key);
    } catch (StorageException e) {
      throw translate(e, name, "get");
    }
  }

  /**
   * The object as compact JSON, read from etcd like {@link #get}. When the watch cache holds the
   * object at the very revision etcd returned, its encoding is the same bytes and is reused, which
   * saves a parse and a serialisation per GET.
   */
  public byte[] getJson(String namespace, String name) {
    String key = key(namespace, name);
    return encodeRead(key, name, read(key, name));
  }

  /**
   * {@link #getJson} without blocking: the future completes on the storage client's thread, with
   * the JSON or with the {@link StatusException} that {@link #getJson} would throw. A GET served
   * this way holds no worker thread while etcd answers, and its answer is written from the thread
   * that reads etcd's response, one thread hand-off less per GET. Only a GET the watch cache cannot
   * answer at etcd's revision (an object changed in the last milliseconds) parses on that thread.
   */
  public CompletableFuture<byte[]> getJsonAsync(String namespace, String name) {
    String key = key(namespace, name);
    return store
        .getAsync(key)
        .handle(
            (kv, failure) -> {
              if (failure == null) {
                return encodeRead(key, name, kv);
              }
              Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
              if (cause instanceof StorageException e) {
                throw translate(e, name, "get");
              }
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            });
  }

  /** A GET's JSON from what etcd returned, taken from the watch cache when it is the same. */
  private byte[] encodeRead(String key, String name, Optional<KeyValue> read) {
    KeyValue kv = read.orElseThrow(() -> Statuses.notFound(type.qualified(), name));
    ObjectCache objectCache = cache;
    if (objectCache != null) {
      Optional<ObjectCache.Encoded> cached = objectCache.encoded(key);
      if (cached.isPresent() && cached.get().revision() == kv.modRevision()) {
        return cached.get().json();
      }
    }
    return Codec.toJsonBytes(decode(kv), false);
  }

  /** {@link #getAnyVersion} as compact JSON, without a parse when the watch cache holds a copy. */
  public byte[] getAnyVersionJson(String namespace, String name) {
    ObjectCache objectCache = cache;
    if (objectCache != null) {
      Optional<ObjectCache.Encoded> cached = objectCache.encoded(key(namespace, name));
      if (cached.isPresent()) {
        return cached.get().json();
      }
    }
    return getJson(namespace, name);
  }

  /**
   * Parses a stored value and sets its resourceVersion from the key's revision. As kube-apiserver
   * reads a custom resource from etcd, fields the schema no longer declares are dropped and its
   * defaults applied, so objects written under an older schema read as the current one describes.
   */
  public JsonObject decode(KeyValue kv) {
    JsonObject object = Codec.parseJson(kv.value()).getAsJsonObject();
    checks.prune(object);
    checks.applyDefaults(object);
    Meta.metadata(object).addProperty("resourceVersion", Long.toString(kv.modRevision()));
    return object;
  }

  /**
   * The object for a GET with {@code resourceVersion=0} ("any version"): the watch cache's copy
   * when it holds one, as kube's cacher answers it, else etcd's (which also decides a 404).
   */
  public JsonObject getAnyVersion(String namespace, String name) {
    ObjectCache objectCache = cache;
    if (objectCache != null) {
      Optional<JsonObject> cached = objectCache.current(key(namespace, name));
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    return get(namespace, name);
  }

  /** Lets lists be served from {@code objectCache} where kube would serve them from its cache. */
  public void useCache(ObjectCache objectCache) {
    this.cache = objectCache;
  }

  public ListPage list(ListQuery query) {
    ObjectCache objectCache = cache;
    if (objectCache != null && query.continueToken() == null) {
      Long minRevision = cacheableRevision(query);
      if (minRevision != null) {
        Optional<ListPage> cached =
            objectCache.list(listPrefix(query.namespace()), query, minRevision);
        if (cached.isPresent()) {
          return cached.get();
        }
      }
    }
    long revision = listRevision(query);
    String prefix = listPrefix(query.namespace());
    String start = null;
    if (query.continueToken() != null) {
      ContinueToken token = ContinueToken.decode(query.continueToken());
      revision = token.revision();
      start = resourceRoot + token.startKey();
      if (!start.startsWith(prefix)) {
        throw Statuses.badRequest(
            "continue key is not valid: the token does not match the request");
      }
    }
    boolean filtered = !query.labels().isEverything() || !query.fields().isEverything();
    List<byte[]> items = new ArrayList<>();
    ListResult page;
    try {
      do {
        long want = query.limit() == 0 ? 0 : query.limit() - items.size();
        // With a watch cache, the keys and their revisions usually say that the cache has every
        // object of the page as it was then; the values are read only when it has not.
        boolean keysOnly = objectCache != null;
        page = store.list(prefix, new ListOptions(revision, want, start, keysOnly));
        revision = page.revision();
        List<KeyValue> values = page.items();
        if (keysOnly && !cachedAsListed(objectCache, values)) {
          values = store.list(prefix, new ListOptions(revision, want, start)).items();
        }
        for (KeyValue kv : values) {
          byte[] json = encodedItem(objectCache, kv, query, filtered);
          if (json != null) {
            items.add(json);
          }
        }
        if (!page.items().isEmpty()) {
          start = page.items().get(page.items().size() - 1).key() + "\0";
        }
      } while (page.more() && query.limit() > 0 && items.size() < query.limit());
    } catch (StorageException e) {
      if (e.code() == StorageException.Code.EXPIRED && query.continueToken() != null) {
        throw Statuses.expired(
            "The provided continue parameter is too old to display a consistent list result. You"
                + " can start a new list without the continue parameter.");
      }
      throw translate(e, "", "list");
    }
    String next = null;
    Long remaining = null;
    if (page.more()) {
      next = new ContinueToken(revision, start.substring(resourceRoot.length())).encode();
      remaining = filtered ? null : page.remaining();
    }
    return ListPage.encoded(items, revision, next, remaining);
  }

  /** Whether the cache holds every listed key at the revision the listing gives it. */
  private static boolean cachedAsListed(ObjectCache objectCache, List<KeyValue> listed) {
    for (KeyValue kv : listed) {
      Optional<ObjectCache.Encoded> cached = objectCache.encoded(kv.key());
      if (cached.isEmpty() || cached.get().revision() != kv.modRevision()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The object of {@code kv} as compact JSON, or null when it does not pass the selectors. When the
   * watch cache holds the object at that very revision, its bytes are the same and are shared,
   * which saves a parse, a schema walk and a serialisation per item of a page read from etcd.
   */
  private byte[] encodedItem(
      ObjectCache objectCache, KeyValue kv, ListQuery query, boolean filtered) {
    if (objectCache != null) {
      Optional<ObjectCache.Encoded> cached = objectCache.encoded(kv.key());
      if (cached.isPresent() && cached.get().revision() == kv.modRevision()) {
        return !filtered || cached.get().matches(query) ? cached.get().json() : null;
      }
    }
    JsonObject object = decode(kv);
    return !filtered || query.matches(object) ? Codec.toJsonBytes(object, false) : null;
  }

  /**
   * The revision a cached list must have caught up with, or null when the request needs etcd: "" is
   * a consistent read of the current revision; "0" accepts any state (and, as in kube, a limit is
   * then ignored); "not older than N" needs N; exact revisions and paged consistent reads need
   * etcd's history.
   */
  private Long cacheableRevision(ListQuery query) {
    String rv = query.resourceVersion();
    String match = query.resourceVersionMatch();
    if ("Exact".equals(match)) {
      return null;
    }
    if (rv == null || rv.isEmpty()) {
      return query.limit() == 0 ? store.currentRevision() : null;
    }
    if (rv.equals("0")) {
      return 0L;
    }
    if ("NotOlderThan".equals(match) || query.limit() == 0) {
      long requested = RequestedVersion.parse(rv);
      waitForRevision(requested);
      return requested;
    }
    return null;
  }

  /** Resolves resourceVersion/resourceVersionMatch to a store revision (0 = latest). */
  private long listRevision(ListQuery query) {
    String rv = query.resourceVersion();
    if (rv == null || rv.isEmpty() || rv.equals("0")) {
      return 0;
    }
    long requested = RequestedVersion.parse(rv);
    boolean exact =
        "Exact".equals(query.resourceVersionMatch())
            || (query.resourceVersionMatch() == null && query.limit() > 0);
    if (exact) {
      return requested;
    }
    waitForRevision(requested);
    return 0;
  }

  /** "Not older than N": fails like kube when N is newer than anything the store has. */
  public void waitForRevision(long requested) {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (true) {
      long current = store.currentRevision();
      if (current >= requested) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw Statuses.tooLargeResourceVersion(requested, current);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Statuses.tooLargeResourceVersion(requested, current);
      }
    }
  }

  // ---------------------------------------------------------------- create

  public WriteResult create(String namespace, JsonObject object, WriteOptions options) {
    List<String> warnings = new ArrayList<>();
    JsonObject meta = Meta.metadata(object);
    if (!Meta.resourceVersion(object).isEmpty()) {
      throw Statuses.badRequest("resourceVersion should not be set on objects to be created");
    }
    prune(object, options, warnings);
    if (type.hasSubresource("status")) {
      object.remove("status");
    }
    String generateName = Meta.string(object, "generateName");
    boolean generated = Meta.name(object).isEmpty() && !generateName.isEmpty();
    if (type.namespaced()) {
      meta.addProperty("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    meta.addProperty("uid", UUID.randomUUID().toString());
    meta.addProperty("creationTimestamp", Meta.timestamp(clock.instant()));
    meta.addProperty("generation", 1);
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    dropEmptyCollections(meta);
    for (int attempt = 0; ; attempt++) {
      if (generated) {
        meta.addProperty("name", generateName(generateName));
      }
      JsonObject candidate = object.deepCopy();
      checks.applyDefaults(candidate);
      if (!options.fieldsTracked()) {
        // As kube: the create is recorded before mutating admission, so the fields the strategy
        // defaults on create (Kamaji's webhook) belong to nobody.
        candidate = tracker.track(null, candidate, options.fieldManager(), "", clock.instant());
      }
      type.strategy().defaultOnCreate(candidate);
      // The strategy may add objects (a deployment with its replicas) whose own fields have schema
      // defaults: store the object complete, or the next write would add them as a spec change.
      checks.applyDefaults(candidate);
      List<Cause> causes = type.strategy().validate(candidate);
      if (!causes.isEmpty()) {
        throw invalid(candidate, causes);
      }
      warnings.addAll(type.strategy().warnings(candidate));
      if (type.namespaced()) {
        namespaces.checkCreate(namespace, type.plural(), type.group(), Meta.name(candidate));
      }
      if (options.dryRun()) {
        return new WriteResult(candidate, true, warnings);
      }
      try {
        KeyValue kv = store.create(key(namespace, Meta.name(candidate)), encode(candidate));
        return new WriteResult(withVersion(candidate, kv.modRevision()), true, warnings);
      } catch (StorageException e) {
        if (e.code() == StorageException.Code.KEY_EXISTS) {
          if (generated && attempt + 1 < GENERATE_NAME_ATTEMPTS) {
            continue;
          }
          StatusException exists = Statuses.alreadyExists(type.qualified(), Meta.name(candidate));
          if (generated) {
            throw new StatusException(
                409,
                "AlreadyExists",
                exists.getMessage()
                    + ", the server was not able to generate a unique name for the object",
                new StatusException.Details(
                    Meta.name(candidate), type.group(), type.plural(), null, List.of(), 1));
          }
          throw exists;
        }
        throw translate(e, Meta.name(candidate), "create");
      }
    }
  }

  private String generateName(String base) {
    String prefix = base.length() > 58 ? base.substring(0, 58) : base;
    StringBuilder name = new StringBuilder(prefix);
    for (int i = 0; i < 5; i++) {
      name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return name.toString();
  }

  // ---------------------------------------------------------------- update

  /**
   * Replaces an object (PUT). The body must carry the resourceVersion it was based on; a stale one
   * is a 409, never a silent overwrite.
   */
  public WriteResult update(
      String namespace, String name, JsonObject desired, WriteOptions options) {
    if (Meta.resourceVersion(desired).isEmpty()) {
      // kube's store builds this one error from the resource, not the kind:
      // tenantcontrolplanes.kamaji.clastix.io "x" is invalid: metadata.resourceVersion: ...
      throw Statuses.invalid(
          type.plural(),
          type.group(),
          name,
          List.of(
              new Cause(
                  "FieldValueInvalid",
                  "Invalid value: 0x0: must be specified for an update",
                  "metadata.resourceVersion")));
    }
    return guaranteedUpdate(namespace, name, current -> desired.deepCopy(), options);
  }

  /**
   * Reads the object, computes its new state with {@code transform} and writes it with a
   * precondition on the revision that was read. When the store changed in between, the transform
   * runs again on the fresh state, unless {@code transform} carried its own resourceVersion (then
   * the client's precondition fails with 409).
   *
   * <p>As kube's GuaranteedUpdate, the first attempt starts from the watch cache's copy instead of
   * reading etcd: the write's revision precondition rejects a copy that lags behind, and whatever
   * that attempt decides without writing (an error, a failed precondition, a no-op, a dry run) is
   * decided again on a fresh read.
   */
  public WriteResult guaranteedUpdate(
      String namespace, String name, UnaryOperator<JsonObject> transform, WriteOptions options) {
    long deadline = System.nanoTime() + CONFLICT_RETRY_NANOS;
    ObjectCache objectCache = cache;
    JsonObject current =
        objectCache == null ? null : objectCache.current(key(namespace, name)).orElse(null);
    boolean fresh = false;
    while (true) {
      if (current == null) {
        current = get(namespace, name);
        fresh = true;
      }
      WriteResult result;
      try {
        result = attemptUpdate(namespace, name, current, transform, options);
      } catch (StorageException e) {
        if (!fresh || e.code() == StorageException.Code.CONFLICT && System.nanoTime() < deadline) {
          current = null;
          continue;
        }
        throw translate(e, name, "update");
      } catch (RuntimeException e) {
        // Refusals of the transform or the checks (409, 422, apply conflicts) count on fresh data.
        if (fresh) {
          throw e;
        }
        current = null;
        continue;
      }
      boolean wrote = !Meta.resourceVersion(result.object()).equals(Meta.resourceVersion(current));
      if (!wrote && !fresh) {
        current = null;
        continue;
      }
      return result;
    }
  }

  private WriteResult attemptUpdate(
      String namespace,
      String name,
      JsonObject current,
      UnaryOperator<JsonObject> transform,
      WriteOptions options) {
    JsonObject desired = transform.apply(current.deepCopy());
    String expected = Meta.resourceVersion(desired);
    if (!expected.isEmpty() && !expected.equals(Meta.resourceVersion(current))) {
      throw Statuses.conflict(type.qualified(), name, Statuses.MODIFIED);
    }
    return writeUpdate(namespace, name, current, desired, options);
  }

  private WriteResult writeUpdate(
      String namespace, String name, JsonObject current, JsonObject desired, WriteOptions options) {
    List<String> warnings = new ArrayList<>();
    if (!Meta.name(desired).isEmpty() && !Meta.name(desired).equals(name)) {
      throw Statuses.badRequest(
          "the name of the object ("
              + Meta.name(desired)
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    String uid = Meta.uid(desired);
    if (!uid.isEmpty() && !uid.equals(Meta.uid(current))) {
      throw Statuses.conflict(
          type.qualified(),
          name,
          "Precondition failed: UID in precondition: "
              + uid
              + ", UID in object meta: "
              + Meta.uid(current));
    }
    prune(desired, options, warnings);
    // As kube decodes a request: defaults come before the comparison with the stored object, so a
    // change the defaults undo does not bump generation.
    checks.applyDefaults(desired);
    JsonObject updated =
        options.status() ? mergeStatus(current, desired) : mergeMain(current, desired);
    List<Cause> causes =
        options.status()
            ? type.strategy().validateStatusUpdate(updated, current)
            : type.strategy().validateUpdate(updated, current);
    if (!causes.isEmpty()) {
      throw invalid(updated, causes);
    }
    warnings.addAll(type.strategy().warnings(updated));
    if (!options.fieldsTracked()) {
      updated =
          tracker.track(
              current, updated, options.fieldManager(), options.subresource(), clock.instant());
    }
    Meta.metadata(updated).addProperty("resourceVersion", Meta.resourceVersion(current));
    if (JsonEquality.sameIgnoringManagerTimes(updated, current)) {
      // A no-op write changes nothing: no new revision, no watch event. As kube's
      // IgnoreManagedFieldsTimestampsTransformer, new managedFields times alone are no change.
      return new WriteResult(current, false, warnings);
    }
    if (options.dryRun()) {
      return new WriteResult(updated, false, warnings);
    }
    long expected = Long.parseLong(Meta.resourceVersion(current));
    if (Meta.isDeleting(updated) && Meta.finalizers(updated).isEmpty()) {
      KeyValue deleted = store.delete(key(namespace, name), expected);
      return new WriteResult(withVersion(updated, deleted.modRevision()), false, warnings);
    }
    KeyValue kv = store.update(key(namespace, name), expected, encode(updated));
    return new WriteResult(withVersion(updated, kv.modRevision()), false, warnings);
  }

  /**
   * A main-resource write: keeps status and system metadata, bumps generation on spec changes.
   * Changes {@code desired}, which every attempt of an update computes afresh.
   */
  private JsonObject mergeMain(JsonObject current, JsonObject desired) {
    JsonObject updated = desired;
    JsonObject meta = Meta.metadata(updated);
    JsonObject oldMeta = Meta.metadata(current);
    for (String field :
        List.of(
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation")) {
      copyField(oldMeta, meta, field);
    }
    meta.remove("selfLink");
    dropEmptyCollections(meta);
    if (type.hasSubresource("status")) {
      copyField(current, updated, "status");
    }
    List<String> oldFinalizers = Meta.finalizers(current);
    if (Meta.isDeleting(current)) {
      List<String> added = new ArrayList<>(Meta.finalizers(updated));
      added.removeAll(oldFinalizers);
      if (!added.isEmpty()) {
        throw Statuses.invalid(
            type.kind(),
            type.group(),
            Meta.name(current),
            List.of(
                new Cause(
                    "FieldValueForbidden",
                    "Forbidden: no new finalizers can be added if the object is being deleted,"
                        + " found new finalizers "
                        + goStringList(added),
                    "metadata.finalizers")));
      }
    }
    if (!JsonEquality.sameExcept(updated, current, Set.of("metadata", "status"))) {
      meta.addProperty("generation", Meta.generation(current) + 1);
    }
    return updated;
  }

  /** A status write: everything but status (and managedFields tracking) comes from storage. */
  private JsonObject mergeStatus(JsonObject current, JsonObject desired) {
    JsonObject updated = current.deepCopy();
    copyField(desired, updated, "status");
    JsonElement managed = Meta.metadata(desired).get("managedFields");
    if (managed != null) {
      Meta.metadata(updated).add("managedFields", managed.deepCopy());
    }
    return updated;
  }

  /**
   * Omits empty labels, annotations, finalizers and ownerReferences, as kube's typed ObjectMeta
   * does: removing the last label leaves no {@code labels: {}} behind (nor a manager owning it).
   */
  private static void dropEmptyCollections(JsonObject meta) {
    for (String field : List.of("labels", "annotations", "finalizers", "ownerReferences")) {
      JsonElement value = meta.get(field);
      if (value != null
          && (value.isJsonNull()
              || value.isJsonObject() && value.getAsJsonObject().isEmpty()
              || value.isJsonArray() && value.getAsJsonArray().isEmpty())) {
        meta.remove(field);
      }
    }
  }

  private static void copyField(JsonObject from, JsonObject to, String field) {
    JsonElement value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.add(field, value.deepCopy());
    }
  }

  private static String goStringList(List<String> values) {
    StringBuilder b = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
    }
    return b.append('}').toString();
  }

  // ---------------------------------------------------------------- delete

  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    long deadline = System.nanoTime() + CONFLICT_RETRY_NANOS;
    while (true) {
      JsonObject current = get(namespace, name);
      checkPreconditions(current, options);
      JsonObject updated = current.deepCopy();
      List<String> finalizers = propagationFinalizers(Meta.finalizers(current), options);
      Meta.setFinalizers(updated, finalizers);
      long expected = Long.parseLong(Meta.resourceVersion(current));
      try {
        if (finalizers.isEmpty()) {
          if (options.dryRun()) {
            return new DeleteResult(current, true);
          }
          KeyValue deleted = store.delete(key(namespace, name), expected);
          return new DeleteResult(withVersion(current, deleted.modRevision()), true);
        }
        if (!Meta.isDeleting(updated)) {
          JsonObject meta = Meta.metadata(updated);
          meta.addProperty("deletionTimestamp", Meta.timestamp(clock.instant()));
          meta.addProperty("deletionGracePeriodSeconds", 0);
          if (Meta.generation(updated) > 0) {
            meta.addProperty("generation", Meta.generation(updated) + 1);
          }
        }
        if (updated.equals(current) || options.dryRun()) {
          return new DeleteResult(updated, false);
        }
        KeyValue kv = store.update(key(namespace, name), expected, encode(updated));
        return new DeleteResult(withVersion(updated, kv.modRevision()), false);
      } catch (StorageException e) {
        if (e.code() == StorageException.Code.CONFLICT && System.nanoTime() < deadline) {
          continue;
        }
        if (e.code() == StorageException.Code.KEY_NOT_FOUND) {
          throw Statuses.notFound(type.qualified(), name);
        }
        throw translate(e, name, "delete");
      }
    }
  }

  private void checkPreconditions(JsonObject current, DeleteOptions options) {
    String name = Meta.name(current);
    if (options.preconditionUid() != null && !options.preconditionUid().equals(Meta.uid(current))) {
      throw Statuses.conflict(
          new dev.controlplanes.kamaji.apiserver.errors.QualifiedResource(
              type.kind(), type.group()),
          name,
          "the UID in the precondition ("
              + options.preconditionUid()
              + ") does not match the UID in record ("
              + Meta.uid(current)
              + "). The object might have been deleted and then recreated");
    }
    if (options.preconditionResourceVersion() != null
        && !options.preconditionResourceVersion().equals(Meta.resourceVersion(current))) {
      throw Statuses.conflict(
          new dev.controlplanes.kamaji.apiserver.errors.QualifiedResource(
              type.kind(), type.group()),
          name,
          "the ResourceVersion in the precondition ("
              + options.preconditionResourceVersion()
              + ") does not match the ResourceVersion in record ("
              + Meta.resourceVersion(current)
              + "). The object might have been modified");
    }
  }

  private static List<String> propagationFinalizers(List<String> existing, DeleteOptions options) {
    List<String> finalizers = new ArrayList<>(existing);
    String policy = options.propagationPolicy();
    if (policy == null) {
      return finalizers;
    }
    finalizers.remove("orphan");
    finalizers.remove("foregroundDeletion");
    if (policy.equals("Foreground")) {
      finalizers.add("foregroundDeletion");
    } else if (policy.equals("Orphan")) {
      finalizers.add("orphan");
    }
    return finalizers;
  }

  /** Deletes every object matching {@code query}; returns them as they were listed. */
  public List<JsonObject> deleteCollection(ListQuery query, DeleteOptions options) {
    ListQuery all =
        new ListQuery(query.namespace(), query.labels(), query.fields(), null, null, 0, null);
    List<JsonObject> items = list(all).items();
    for (JsonObject item : items) {
      try {
        delete(Meta.namespace(item), Meta.name(item), options);
      } catch (StatusException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return items;
  }

  // ---------------------------------------------------------------- helpers

  private void prune(JsonObject object, WriteOptions options, List<String> warnings) {
    List<String> unknown = checks.prune(object);
    if (unknown.isEmpty() || "Ignore".equals(options.fieldValidation())) {
      return;
    }
    if (options.strict()) {
      StringBuilder message = new StringBuilder();
      message
          .append(type.kind())
          .append(" in version \"")
          .append(type.version())
          .append("\" cannot be handled as a ")
          .append(type.kind())
          .append(": strict decoding error: ");
      for (int i = 0; i < unknown.size(); i++) {
        message
            .append(i == 0 ? "" : ", ")
            .append("unknown field \"")
            .append(unknown.get(i))
            .append('"');
      }
      throw Statuses.badRequest(message.toString());
    }
    unknown.forEach(path -> warnings.add("unknown field \"" + path + "\""));
  }

  private StatusException invalid(JsonObject object, List<Cause> causes) {
    String name = Meta.name(object);
    return Statuses.invalid(type.kind(), type.group(), name, causes);
  }

  /** The object as stored: without resourceVersion, which is the revision etcd keeps. */
  private static byte[] encode(JsonObject object) {
    return Codec.toJsonBytes(withMetadataField(object, "resourceVersion", null), false);
  }

  private static JsonObject withVersion(JsonObject object, long revision) {
    return withMetadataField(object, "resourceVersion", new JsonPrimitive(Long.toString(revision)));
  }

  /**
   * The object with one metadata field set ({@code value} null: removed), in the field's place.
   * Only the top level and metadata are copied; the rest is shared with {@code object}, which the
   * write paths no longer change once they encode or return it.
   */
  private static JsonObject withMetadataField(JsonObject object, String field, JsonElement value) {
    JsonObject copy = new JsonObject();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      if (e.getKey().equals("metadata") && e.getValue() instanceof JsonObject meta) {
        JsonObject metaCopy = new JsonObject();
        for (Map.Entry<String, JsonElement> m : meta.entrySet()) {
          if (!m.getKey().equals(field)) {
            metaCopy.add(m.getKey(), m.getValue());
          } else if (value != null) {
            metaCopy.add(field, value);
          }
        }
        if (value != null && !meta.has(field)) {
          metaCopy.add(field, value);
        }
        copy.add("metadata", metaCopy);
      } else {
        copy.add(e.getKey(), e.getValue());
      }
    }
    return copy;
  }

  /** Translates a storage failure for one operation on one object (kube's Interpret*Error). */
  private StatusException translate(StorageException e, String name, String operation) {
    return switch (e.code()) {
      case KEY_NOT_FOUND -> Statuses.notFound(type.qualified(), name);
      case KEY_EXISTS -> Statuses.alreadyExists(type.qualified(), name);
      case CONFLICT -> Statuses.conflict(type.qualified(), name, Statuses.MODIFIED);
      case EXPIRED ->
          Statuses.expired("The resourceVersion for the provided " + operation + " is too old.");
      case REVISION_TOO_LARGE -> Statuses.tooLargeResourceVersion(0, store.currentRevision());
      case UNREACHABLE, TIMEOUT -> Statuses.serverTimeout(type.qualified(), operation);
      case INTERNAL -> Statuses.internal("storage error during " + operation);
    };
  }
}
