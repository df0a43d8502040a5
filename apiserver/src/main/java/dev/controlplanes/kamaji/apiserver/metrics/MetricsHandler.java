package dev.controlplanes.kamaji.apiserver.metrics;

import dev.controlplanes.kamaji.apiserver.errors.ExceptionMapper;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Request metrics named like kube-apiserver's ({@code apiserver_request_total}, {@code
 * apiserver_request_duration_seconds}) in an injected registry, and the /metrics endpoint.
 */
public final class MetricsHandler {

  private final CollectorRegistry registry;
  private final Counter requests;
  private final Histogram latency;

  public MetricsHandler(CollectorRegistry registry) {
    this.registry = registry;
    this.requests =
        Counter.build("apiserver_request_total", "Requests by verb, resource and HTTP code.")
            .labelNames("verb", "resource", "subresource", "code")
            .register(registry);
    this.latency =
        Histogram.build(
                "apiserver_request_duration_seconds",
                "Time to the response headers, by verb and resource; watches are excluded.")
            .labelNames("verb", "resource")
            .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
  }

  /**
   * Serves the request and counts it; a {@link ApiResponse.Pending} answer is counted when it
   * completes.
   */
  public ApiResponse observe(ApiRequest request, Supplier<ApiResponse> serve) {
    long start = System.nanoTime();
    ApiResponse response;
    try {
      response = serve.get();
    } catch (RuntimeException e) {
      StatusException status = ExceptionMapper.toStatus(e);
      record(request, status.code(), start);
      throw status;
    }
    if (response instanceof ApiResponse.Pending pending) {
      return new ApiResponse.Pending(
          pending
              .result()
              .whenComplete(
                  (done, failure) ->
                      record(
                          request,
                          failure == null ? status(done) : ExceptionMapper.toStatus(failure).code(),
                          start)));
    }
    record(request, status(response), start);
    return response;
  }

  private static int status(ApiResponse response) {
    if (response instanceof ApiResponse.Full full) {
      return full.status();
    }
    if (response instanceof ApiResponse.Streaming streaming) {
      return streaming.status();
    }
    throw new IllegalStateException("a pending response completed with another pending one");
  }

  private void record(ApiRequest request, int code, long start) {
    String verb = request.info().verb();
    String resource = request.info().resource();
    requests.labels(verb, resource, request.info().subresource(), Integer.toString(code)).inc();
    if (!verb.equals("watch")) {
      latency.labels(verb, resource).observe((System.nanoTime() - start) / 1e9);
    }
  }

  public ApiResponse scrape() {
    StringWriter out = new StringWriter();
    try {
      TextFormat.write004(out, registry.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ApiResponse.Full(
        200,
        List.of(Map.entry("Content-Type", TextFormat.CONTENT_TYPE_004)),
        out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
