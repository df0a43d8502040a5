package dev.controlplanes.kamaji.apiserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.errors.QualifiedResource;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.testing.TestRequests;
import io.prometheus.client.CollectorRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MetricsHandlerTest {

  private static final String PATH =
      "/apis/kamaji.clastix.io/v1alpha1/namespaces/default/tenantcontrolplanes/a";
  private static final QualifiedResource TCPS =
      new QualifiedResource("tenantcontrolplanes", "kamaji.clastix.io");

  private final CollectorRegistry registry = new CollectorRegistry();
  private final MetricsHandler metrics = new MetricsHandler(registry);

  @Test
  void aResponseIsCountedWithItsCode() {
    metrics.observe(get(), () -> ApiResponse.json(200, new byte[0]));
    assertThatThrownBy(() -> metrics.observe(get(), () -> throwNotFound()))
        .isInstanceOf(StatusException.class);

    assertThat(requests("200")).isEqualTo(1.0);
    assertThat(requests("404")).isEqualTo(1.0);
    assertThat(observedLatencies()).isEqualTo(2.0);
  }

  @Test
  void aPendingResponseIsCountedWhenItCompletes() {
    CompletableFuture<ApiResponse> ok = new CompletableFuture<>();
    CompletableFuture<ApiResponse> missing = new CompletableFuture<>();
    ApiResponse.Pending first = (ApiResponse.Pending) metrics.observe(get(), () -> pending(ok));
    ApiResponse.Pending second =
        (ApiResponse.Pending) metrics.observe(get(), () -> pending(missing));

    assertThat(requests("200")).isNull();
    assertThat(observedLatencies()).isZero();

    ok.complete(ApiResponse.json(200, new byte[0]));
    missing.completeExceptionally(new CompletionException(Statuses.notFound(TCPS, "a")));

    assertThat(first.result().toCompletableFuture().join()).isInstanceOf(ApiResponse.Full.class);
    assertThat(second.result().toCompletableFuture()).isCompletedExceptionally();
    assertThat(requests("200")).isEqualTo(1.0);
    assertThat(requests("404")).isEqualTo(1.0);
    assertThat(observedLatencies()).isEqualTo(2.0);
  }

  private static ApiResponse throwNotFound() {
    throw Statuses.notFound(TCPS, "a");
  }

  private static ApiResponse pending(CompletableFuture<ApiResponse> result) {
    return new ApiResponse.Pending(result);
  }

  private Double requests(String code) {
    return registry.getSampleValue(
        "apiserver_request_total",
        new String[] {"verb", "resource", "subresource", "code"},
        new String[] {"get", "tenantcontrolplanes", "", code});
  }

  private double observedLatencies() {
    Double count =
        registry.getSampleValue(
            "apiserver_request_duration_seconds_count",
            new String[] {"verb", "resource"},
            new String[] {"get", "tenantcontrolplanes"});
    return count == null ? 0 : count;
  }

  private static ApiRequest get() {
    return TestRequests.get(PATH);
  }
}
