package dev.controlplanes.kamaji.konnectivity.agent;

import dev.controlplanes.kamaji.konnectivity.leases.StatusReasons;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts the lease informer's calls as upstream's agent does: lists with their latency, and
 * watches, by HTTP status code and the {@code reason} of an error Status. A call that gets no HTTP
 * answer is not counted (upstream has no code to label it with). Upstream counts its watches in
 * {@code lease_lists_total} by mistake; here they go to {@code lease_watches_total}.
 */
final class LeaseCallMetrics implements Interceptor {

  private static final long MAX_STATUS_BYTES = 64 * 1024;

  private final AgentMetrics metrics;

  LeaseCallMetrics(AgentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    boolean watch = "true".equals(chain.request().url().queryParameter("watch"));
    long start = System.nanoTime();
    Response response = chain.proceed(chain.request());
    String code = Integer.toString(response.code());
    String reason = response.isSuccessful() ? "" : statusReason(response);
    if (watch) {
      metrics.leaseWatches.labels(code, reason).inc();
    } else {
      metrics.leaseLists.labels(code, reason).inc();
      metrics.leaseListLatency.labels(code).observe((System.nanoTime() - start) / 1e9);
    }
    return response;
  }

  private static String statusReason(Response response) {
    try {
      return StatusReasons.of(response.peekBody(MAX_STATUS_BYTES).string());
    } catch (IOException unreadable) {
      return "";
    }
  }
}
