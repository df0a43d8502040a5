package dev.controlplanes.kamaji.apiserver.watch;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.registry.GenericStore;
import dev.controlplanes.kamaji.apiserver.registry.ListPage;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.ObjectCache;
import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchEvent;
import dev.controlplanes.kamaji.storage.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store watch per resource, fanned out to every API watcher of that resource: each change is
 * decoded and encoded once, kept (as encoded objects) in a bounded history so watchers can start
 * from a recent resourceVersion, and handed to subscribers that filter and serialize it for their
 * own connection.
 *
 * <p>A watcher asking for a revision older than the history gets 410 Expired and relists, as with
 * kube-apiserver's watch cache.
 */
public final class WatchHub implements AutoCloseable, ObjectCache {

  /** Receives the hub's events for one API watch. Called on the hub's thread: never block. */
  public interface Subscriber {
    void onEvent(HubEvent event);

    void onProgress(long revision);

    /** The hub lost its store watch; the API watch must end so the client re-establishes it. */
    void onTerminated();
  }

  private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);

  private final GenericStore store;
  private final int historySize;
  private final Deque<HubEvent> history = new ArrayDeque<>();

  /** The current state of every object, by key: lists are served from here. */
  private final TreeMap<String, CachedObject> cache = new TreeMap<>();

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService restarter =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "watch-hub-restart");
            t.setDaemon(true);
            return t;
          });
  private Watch watch;

  /** Oldest revision from which this hub's history is complete. */
  private long historyStart;

  private long lastRevision;
  private volatile boolean closed;

  public WatchHub(GenericStore store, int historySize) {
    this.store = store;
    this.historySize = historySize;
  }

  public synchronized void start() {
    long revision = loadCache();
    historyStart = revision;
    lastRevision = revision;
    watch = store.backend().watch(store.resourceRoot(), revision, new Listener());
  }

  /** Reads every object at one revision into the cache; returns that revision. */
  private long loadCache() {
    cache.clear();
    long revision = 0;
    String start = null;
    ListResult page;
    do {
      page = store.backend().list(store.resourceRoot(), new ListOptions(revision, 500, start));
      revision = page.revision();
      for (KeyValue kv : page.items()) {
        cache.put(kv.key(), CachedObject.of(store.decode(kv)));
      }
      if (!page.items().isEmpty()) {
        start = page.items().get(page.items().size() - 1).key() + "\0";
      }
    } while (page.more());
    return revision;
  }

  /**
   * The cached objects under {@code keyPrefix}, once the cache has caught up with {@code
   * minRevision}; empty when it cannot within {@code timeoutMillis} (the caller then reads etcd).
   * Waiting asks etcd for a progress notification, so an idle resource catches up at once.
   */
  public Optional<CacheSnapshot> snapshot(String keyPrefix, long minRevision, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    boolean asked = false;
    synchronized (this) {
      while (lastRevision < minRevision) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || closed) {
          return Optional.empty();
        }
        if (!asked) {
          asked = true;
          if (watch != null) {
            watch.requestProgress();
          }
        }
        try {
          wait(Math.min(left, 50));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
      String end = keyPrefix + Character.MAX_VALUE;
      return Optional.of(
          new CacheSnapshot(
              List.copyOf(cache.subMap(keyPrefix, true, end, false).values()), lastRevision));
    }
  }

  @Override
  public Optional<ListPage> list(String keyPrefix, ListQuery query, long minRevision) {
    return snapshot(keyPrefix, minRevision, 3_000)
        .map(
            snapshot -> {
              List<byte[]> items = new ArrayList<>();
              for (CachedObject o : snapshot.objects()) {
                if (o.matches(query)) {
                  items.add(o.json());
                }
              }
              return ListPage.encoded(items, snapshot.revision());
            });
  }

  @Override
  public Optional<JsonObject> current(String key) {
    return entry(key).map(CachedObject::tree);
  }

  @Override
  public Optional<Encoded> encoded(String key) {
    return entry(key)
        .map(
            cached ->
                new Encoded(
                    cached.revision(),
                    cached.json(),
                    cached.namespace(),
                    cached.name(),
                    cached.labels()));
  }

  private synchronized Optional<CachedObject> entry(String key) {
    return Optional.ofNullable(cache.get(key));
  }

  /** Objects of one consistent cache state and the revision it reflects. */
  public record CacheSnapshot(List<CachedObject> objects, long revision) {}

  /** The newest revision the hub has seen (events or progress). */
  public synchronized long lastRevision() {
    return lastRevision;
  }

  /** Asks the store for a progress notification, to advance {@link #lastRevision()}. */
  public void requestProgress() {
    Watch w;
    synchronized (this) {
      w = watch;
    }
    if (w != null) {
      w.requestProgress();
    }
  }

  /**
   * Registers {@code subscriber} for changes after {@code afterRevision}, replaying the ones from
   * history first.
   *
   * @throws dev.controlplanes.kamaji.apiserver.errors.StatusException 410 when the history no
   *     longer covers {@code afterRevision}
   */
  public void subscribe(long afterRevision, Subscriber subscriber) {
    synchronized (this) {
      if (afterRevision < historyStart) {
        throw Statuses.expired(
            "too old resource version: " + afterRevision + " (" + historyStart + ")");
      }
      for (HubEvent event : history) {
        if (event.revision() > afterRevision) {
          subscriber.onEvent(event);
        }
      }
      subscribers.add(subscriber);
    }
  }

  public void unsubscribe(Subscriber subscriber) {
    subscribers.remove(subscriber);
  }

  private final class Listener implements WatchListener {
    @Override
    public void onEvent(WatchEvent event) {
      String key = event.current().key();
      CachedObject current =
          event.type() == WatchEvent.Type.PUT
              ? CachedObject.of(store.decode(event.current()))
              : null;
      synchronized (WatchHub.this) {
        HubEvent decoded = change(event, key, current);
        history.addLast(decoded);
        while (history.size() > historySize) {
          historyStart = history.removeFirst().revision();
        }
        if (decoded.kind() == HubEvent.Kind.PUT) {
          cache.put(key, current);
        } else {
          cache.remove(key);
        }
        lastRevision = Math.max(lastRevision, decoded.revision());
        WatchHub.this.notifyAll();
        for (Subscriber s : subscribers) {
          deliver(s, decoded);
        }
      }
    }

    @Override
    public void onProgress(long revision) {
      synchronized (WatchHub.this) {
        lastRevision = Math.max(lastRevision, revision);
        WatchHub.this.notifyAll();
        for (Subscriber s : subscribers) {
          s.onProgress(revision);
        }
      }
    }

    @Override
    public void onError(StorageException error) {
      LOG.warn("store watch of {} ended ({}); restarting", store.resourceRoot(), error.code());
      synchronized (WatchHub.this) {
        // Whatever happened between the last seen revision and the new watch is unknown to
        // current subscribers: end them so their clients resume from their last revision.
        subscribers.forEach(Subscriber::onTerminated);
        subscribers.clear();
      }
      scheduleRestart(error.code() == StorageException.Code.EXPIRED);
    }
  }

  private void deliver(Subscriber s, HubEvent event) {
    try {
      s.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("watch subscriber failed; dropping it", e);
      subscribers.remove(s);
      s.onTerminated();
    }
  }

  /**
   * Watches the store again after a failure: from the last revision seen, or, when that revision is
   * gone from the store (compacted), from now with an empty history, so that watchers resuming from
   * older revisions get 410 and relist instead of the hub retrying a compacted revision forever.
   */
  private void scheduleRestart(boolean startOver) {
    if (closed) {
      return;
    }
    restarter.schedule(
        () -> {
          try {
            synchronized (this) {
              if (startOver) {
                // Changes were missed: reload the cache along with the new history.
                long now = loadCache();
                history.clear();
                historyStart = now;
                lastRevision = now;
              }
              long from = lastRevision;
              watch = store.backend().watch(store.resourceRoot(), from, new Listener());
            }
          } catch (RuntimeException e) {
            scheduleRestart(startOver);
          }
        },
        1,
        TimeUnit.SECONDS);
  }

  /**
   * The hub's event for a store change. The state before it is the cache's entry for the key (the
   * cache holds every object at the hub's revision), so it is shared rather than decoded again; the
   * store's copy is decoded only if the cache somehow lacks the key.
   */
  private HubEvent change(WatchEvent event, String key, CachedObject current) {
    CachedObject before = cache.get(key);
    if (before == null && event.previous() != null) {
      before = CachedObject.of(store.decode(event.previous()));
    }
    if (event.type() == WatchEvent.Type.PUT) {
      return new HubEvent(HubEvent.Kind.PUT, current, before, event.revision());
    }
    if (before == null) {
      before = CachedObject.of(store.decode(event.current()));
    }
    return new HubEvent(HubEvent.Kind.DELETE, before, before, event.revision());
  }

  @Override
  public synchronized void close() {
    closed = true;
    restarter.shutdownNow();
    if (watch != null) {
      watch.close();
    }
    subscribers.forEach(Subscriber::onTerminated);
    subscribers.clear();
  }
}
