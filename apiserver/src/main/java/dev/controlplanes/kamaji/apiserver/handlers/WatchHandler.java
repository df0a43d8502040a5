package dev.controlplanes.kamaji.apiserver.handlers;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.Negotiator;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.FieldSelector;
import dev.controlplanes.kamaji.apiserver.registry.ListPage;
import dev.controlplanes.kamaji.apiserver.registry.ListQuery;
import dev.controlplanes.kamaji.apiserver.registry.RequestedVersion;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GET with {@code watch=true}: validates the request, computes where the stream starts and hands it
 * to a {@link WatchSession}. Errors found before streaming are normal HTTP errors.
 */
public final class WatchHandler {

  private final long bookmarkIntervalMillis;
  private final long minRequestTimeoutSeconds;

  /**
   * @param bookmarkIntervalMillis how often a watch that allows bookmarks gets one
   * @param minRequestTimeoutSeconds without timeoutSeconds, a watch ends after a random time in
   *     [min, 2*min], as kube-apiserver does, so that clients rebalance
   */
  public WatchHandler(long bookmarkIntervalMillis, long minRequestTimeoutSeconds) {
    this.bookmarkIntervalMillis = bookmarkIntervalMillis;
    this.minRequestTimeoutSeconds = minRequestTimeoutSeconds;
  }

  ApiResponse watch(ApiRequest request, ResourceEndpoint endpoint) {
    ResourceType type = endpoint.store().type();
    Output output = Negotiator.negotiateStream(request.header("Accept"));
    ListQuery query = Requests.listQuery(request, type, true);
    String name = request.info().name();
    if (!name.isEmpty()) {
      // legacy /watch/.../{name} paths watch one object
      String required = query.fields().requiredName();
      if (required != null && !required.equals(name)) {
        throw Statuses.badRequest("fieldSelector metadata.name doesn't match requested name");
      }
      query =
          new ListQuery(
              query.namespace(),
              query.labels(),
              FieldSelector.parse("metadata.name=" + name, type.namespaced()),
              query.resourceVersion(),
              query.resourceVersionMatch(),
              0,
              null);
    }
    boolean bookmarks = "true".equals(request.param("allowWatchBookmarks"));
    String sendInitial = request.param("sendInitialEvents");
    boolean initialEventsEnd = false;
    String rv = query.resourceVersion();
    boolean initialEvents;
    if (sendInitial != null && !sendInitial.isEmpty()) {
      if (!"NotOlderThan".equals(query.resourceVersionMatch())) {
        throw Requests.listInvalid(
            "FieldValueForbidden",
            "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
            "resourceVersionMatch");
      }
      initialEvents = sendInitial.equals("true");
      initialEventsEnd = initialEvents && bookmarks;
    } else {
      if (query.resourceVersionMatch() != null) {
        throw Requests.listInvalid(
            "FieldValueForbidden",
            "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is"
                + " provided",
            "resourceVersionMatch");
      }
      initialEvents = rv == null || rv.isEmpty() || rv.equals("0");
    }

    long timeoutSeconds = timeoutSeconds(request);
    ListPage initial = null;
    long startRevision;
    if (initialEvents) {
      if (rv != null && !rv.isEmpty() && !rv.equals("0")) {
        endpoint.store().waitForRevision(RequestedVersion.parse(rv));
      }
      initial =
          endpoint
              .store()
              .list(
                  new ListQuery(
                      query.namespace(), query.labels(), query.fields(), null, null, 0, null));
      startRevision = initial.revision();
    } else if (rv == null || rv.isEmpty() || rv.equals("0")) {
      startRevision = endpoint.store().backend().currentRevision();
    } else {
      startRevision = RequestedVersion.parse(rv);
      endpoint.store().waitForRevision(startRevision);
    }
    WatchSession session =
        new WatchSession(
            endpoint,
            query,
            output,
            initial == null ? List.<JsonObject>of() : initial.items(),
            startRevision,
            bookmarks,
            initialEventsEnd,
            bookmarkIntervalMillis,
            timeoutSeconds * 1000);
    // Subscribing before the response starts turns a too-old resourceVersion into a plain 410.
    session.subscribe();
    return new ApiResponse.Streaming(
        200,
        List.of(
            Map.entry("Content-Type", output.contentType()),
            Map.entry("Cache-Control", "no-cache, private")),
        session);
  }

  private long timeoutSeconds(ApiRequest request) {
    String value = request.param("timeoutSeconds");
    if (value == null || value.isEmpty()) {
      return minRequestTimeoutSeconds
          + ThreadLocalRandom.current().nextLong(minRequestTimeoutSeconds + 1);
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return seconds == 0 ? minRequestTimeoutSeconds : seconds;
    } catch (NumberFormatException e) {
      throw Statuses.invalidOption(
          "ListOptions",
          "FieldValueInvalid",
          "Invalid value: \"" + value + "\": must be a non-negative integer",
          "timeoutSeconds");
    }
  }
}
