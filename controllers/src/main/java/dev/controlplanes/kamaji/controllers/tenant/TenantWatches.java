package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the objects the tenant-side phase manages inside one tenant, so that a deleted or edited
 * one is repaired at once, as Kamaji's soot controllers repair them, rather than at the next
 * resync: one watch per collection those objects live in (about a dozen, multiplexed on the
 * tenant's HTTP/2 connection), from the resourceVersion of the run that applied them, so that the
 * run's own writes are not seen again. A change of a managed path calls {@code onDrift}; so does a
 * watch that expired (410), since changes may have been missed. Watches that end are resumed from
 * the last resourceVersion seen; broken ones after a pause.
 */
final class TenantWatches {

  private static final Logger LOG = LoggerFactory.getLogger(TenantWatches.class);

  /** How long the tenant's API server keeps one watch open; then it is resumed. */
  static final int WATCH_SECONDS = 300;

  static final Duration RETRY = Duration.ofSeconds(5);

  private final String key;
  private final TenantApi api;
  private final Set<String> paths;
  private final Runnable onDrift;
  private final ScheduledExecutorService timer;
  private final Map<String, Flow.Subscription> open = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /**
   * @param paths the API paths of the managed objects (those applied and those removed)
   * @param onDrift told when one of them changed; must return at once
   */
  TenantWatches(
      String key,
      TenantApi api,
      Set<String> paths,
      Runnable onDrift,
      ScheduledExecutorService timer) {
    this.key = key;
    this.api = api;
    this.paths = Set.copyOf(paths);
    this.onDrift = onDrift;
    this.timer = timer;
  }

  /** The collections to watch: where the managed objects live. */
  static Set<String> collections(Set<String> paths) {
    return paths.stream()
        .map(p -> p.substring(0, p.lastIndexOf('/')))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Watches every collection from {@code resourceVersion}. */
  void start(String resourceVersion) {
    for (String collection : collections(paths)) {
      watch(collection, resourceVersion);
    }
  }

  void stop() {
    stopped = true;
    open.values().forEach(Flow.Subscription::cancel);
    open.clear();
  }

  private void watch(String collection, String from) {
    if (stopped) {
      return;
    }
    String[] last = {from};
    api.watch(
            collection,
            from,
            WATCH_SECONDS,
            event -> last[0] = handle(collection, event, last[0]),
            subscription -> {
              open.put(collection, subscription);
              if (stopped) {
                subscription.cancel();
              }
            })
        .whenComplete(
            (ok, error) -> {
              open.remove(collection);
              if (stopped || timer.isShutdown()) {
                return;
              }
              if (error == null) {
                watch(collection, last[0]); // the server's timeout: resume where it ended
                return;
              }
              if (TenantApi.unwrap(error) instanceof TenantApi.TenantApiException) {
                // Refused, not broken: a resourceVersion the server no longer has (or not yet,
                // after a restore). A run repairs whatever was missed; watch from now.
                last[0] = "";
                onDrift.run();
              }
              LOG.debug(
                  "TenantControlPlane {}: watch of {} broke ({}); resuming in {}",
                  key,
                  collection,
                  error.getClass().getSimpleName(),
                  RETRY);
              timer.schedule(
                  () -> watch(collection, last[0]), RETRY.toMillis(), TimeUnit.MILLISECONDS);
            });
  }

  /** Acts on one event; the resourceVersion to resume from. */
  String handle(String collection, JsonObject event, String last) {
    String type = string(event.get("type"));
    JsonObject object = event.has("object") ? event.getAsJsonObject("object") : new JsonObject();
    if ("ERROR".equals(type)) {
      // Most often 410: the resourceVersion is too old. Whatever was missed is repaired by a run,
      // and the watch starts again from now.
      onDrift.run();
      return "";
    }
    JsonObject metadata = object.has("metadata") ? object.getAsJsonObject("metadata") : null;
    if (metadata == null) {
      return last;
    }
    String version = string(metadata.get("resourceVersion"));
    if (!"BOOKMARK".equals(type)
        && paths.contains(collection + "/" + string(metadata.get("name")))) {
      LOG.debug(
          "TenantControlPlane {}: {} {}/{}", key, type, collection, string(metadata.get("name")));
      onDrift.run();
    }
    return version.isEmpty() ? last : version;
  }

  private static String string(JsonElement element) {
    return element == null || element.isJsonNull() ? "" : element.getAsString();
  }
}
