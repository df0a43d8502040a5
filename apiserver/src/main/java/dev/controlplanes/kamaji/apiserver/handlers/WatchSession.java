package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.http.StreamSink;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.table.PartialObjects;
import dev.controlplanes.kamaji.apiserver.table.TableConverter;
import dev.controlplanes.kamaji.apiserver.watch.HubEvent;
import dev.controlplanes.kamaji.apiserver.watch.WatchHub;
import java.util.ArrayList;
import java.util.List;

/**
 * One API watch stream: initial events, then the hub's changes after the start revision, filtered
 * by the request's selectors, encoded in the negotiated shape and flushed per event.
 *
 * <p>A client that stops reading is disconnected once too much is queued for it, so that it cannot
 * hold memory without bound; it resumes from its last resourceVersion like after any watch timeout.
 */
final class WatchSession implements ApiResponse.StreamBody, WatchHub.Subscriber {

  private static final long MAX_PENDING_BYTES = 16L * 1024 * 1024;

  private final ResourceEndpoint endpoint;
  private final ResourceType type;
  private final ListQuery query;
  private final Output output;
  private final List<JsonObject> initial;
  private final long startRevision;
  private final boolean bookmarks;
  private final boolean initialEventsEnd;
  private final long bookmarkIntervalMillis;
  private final long timeoutMillis;
  private final List<byte[]> pending = new ArrayList<>();
  private StreamSink sink;
  private boolean tableColumnsSent;
  private boolean ended;

  WatchSession(
      ResourceEndpoint endpoint,
      ListQuery query,
      Output output,
      List<JsonObject> initial,
      long startRevision,
      boolean bookmarks,
      boolean initialEventsEnd,
      long bookmarkIntervalMillis,
      long timeoutMillis) {
    this.endpoint = endpoint;
    this.type = endpoint.store().type();
    this.query = query;
    this.output = output;
    this.initial = initial;
    this.startRevision = startRevision;
    this.bookmarks = bookmarks;
    this.initialEventsEnd = initialEventsEnd;
    this.bookmarkIntervalMillis = bookmarkIntervalMillis;
    this.timeoutMillis = timeoutMillis;
  }

  void subscribe() {
    endpoint.hub().subscribe(startRevision, this);
  }

  @Override
  public void start(StreamSink streamSink) {
    synchronized (this) {
      sink = streamSink;
      sink.onClose(this::end);
      for (JsonObject object : initial) {
        send(encode("ADDED", object));
      }
      if (initialEventsEnd) {
        JsonObject bookmark = bookmark(startRevision);
        JsonObject annotations = new JsonObject();
        annotations.addProperty("k8s.io/initial-events-end", "true");
        bookmark.getAsJsonObject("metadata").add("annotations", annotations);
        send(frame("BOOKMARK", bookmark));
      }
      pending.forEach(this::send);
      pending.clear();
    }
    sink.schedule(streamSink::close, timeoutMillis);
    if (bookmarks) {
      scheduleBookmark();
    }
  }

  @Override
  public void onEvent(HubEvent event) {
    if (event.revision() <= startRevision) {
      return;
    }
    boolean nowMatches = event.kind() == HubEvent.Kind.PUT && event.object().matches(query);
    boolean matched = event.previous() != null && event.previous().matches(query);
    byte[] frame;
    if (nowMatches) {
      String type = matched ? "MODIFIED" : "ADDED";
      frame =
          output.shape() == Output.Shape.OBJECT
              ? event.frame(type)
              : encode(type, event.object().tree());
    } else if (matched) {
      frame =
          output.shape() == Output.Shape.OBJECT
              ? event.frame("DELETED")
              : encode("DELETED", event.deleted());
    } else {
      return;
    }
    deliver(frame);
  }

  @Override
  public void onProgress(long revision) {
    // Bookmarks are sent on their own schedule from the hub's latest revision.
  }

  @Override
  public void onTerminated() {
    StreamSink s;
    synchronized (this) {
      s = sink;
      ended = true;
    }
    if (s != null) {
      s.close();
    }
  }

  private synchronized void deliver(byte[] frame) {
    if (ended) {
      return;
    }
    if (sink == null) {
      pending.add(frame);
      return;
    }
    send(frame);
  }

  private void send(byte[] frame) {
    if (sink.pendingBytes() > MAX_PENDING_BYTES) {
      ended = true;
      sink.schedule(sink::close, 0);
      return;
    }
    sink.write(frame);
  }

  private void scheduleBookmark() {
    sink.schedule(
        () -> {
          synchronized (this) {
            if (ended) {
              return;
            }
          }
          endpoint.hub().requestProgress();
          long revision = Math.max(startRevision, endpoint.hub().lastRevision());
          deliver(frame("BOOKMARK", bookmark(revision)));
          scheduleBookmark();
        },
        bookmarkIntervalMillis);
  }

  private void end() {
    synchronized (this) {
      ended = true;
    }
    endpoint.hub().unsubscribe(this);
  }

  private JsonObject bookmark(long revision) {
    JsonObject object = new JsonObject();
    object.addProperty("kind", type.kind());
    object.addProperty("apiVersion", type.apiVersion());
    JsonObject meta = new JsonObject();
    meta.addProperty("resourceVersion", Long.toString(revision));
    object.add("metadata", meta);
    return object;
  }

  private byte[] encode(String eventType, JsonObject object) {
    JsonObject body =
        switch (output.shape()) {
          case TABLE -> {
            boolean columns;
            synchronized (this) {
              columns = !tableColumnsSent;
              tableColumnsSent = true;
            }
            yield endpoint
                .tables()
                .convert(
                    List.of(object),
                    object.getAsJsonObject("metadata").get("resourceVersion").getAsString(),
                    null,
                    null,
                    TableConverter.Include.METADATA,
                    columns);
          }
          case PARTIAL_METADATA, PARTIAL_METADATA_LIST -> PartialObjects.partial(object);
          case OBJECT -> object;
        };
    return frame(eventType, body);
  }

  private static byte[] frame(String eventType, JsonObject object) {
    return HubEvent.frame(eventType, Codec.toJsonBytes(object, false));
  }
}
