package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.authn.UserInfo;
import dev.controlplanes.kamaji.apiserver.discovery.DiscoveryHandler;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.handlers.ResourceRouter;
import dev.controlplanes.kamaji.apiserver.health.HealthHandler;
import dev.controlplanes.kamaji.apiserver.http.ApiHandler;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.metrics.MetricsHandler;
import dev.controlplanes.kamaji.apiserver.threads.NonBlocking;
import dev.controlplanes.kamaji.apiserver.webhooks.TenantWebhooks;
import java.util.Optional;
import java.util.function.Function;

/**
 * The handler chain in one readable place: health probes and the tenants' always-denying admission
 * webhooks (anonymous), then access control (authentication and authorization), then metrics,
 * version, OpenAPI, discovery and resources.
 */
final class ApiServerHandler implements ApiHandler {

  private final HealthHandler health;
  private final TenantWebhooks webhooks = new TenantWebhooks();
  private final AccessControl access;
  private final MetricsHandler metrics;
  private final ApiResponse version;
  private final Function<ApiRequest, ApiResponse> openApi;
  private final DiscoveryHandler discovery;
  private final ResourceRouter resources;

  ApiServerHandler(
      HealthHandler health,
      AccessControl access,
      MetricsHandler metrics,
      ApiResponse version,
      Function<ApiRequest, ApiResponse> openApi,
      DiscoveryHandler discovery,
      ResourceRouter resources) {
    this.health = health;
    this.access = access;
    this.metrics = metrics;
    this.version = version;
    this.openApi = openApi;
    this.discovery = discovery;
    this.resources = resources;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    if (HealthHandler.isHealthPath(request.path())) {
      return health.handle(request);
    }
    if (TenantWebhooks.isWebhookPath(request.path())) {
      return webhooks.handle(request);
    }
    ApiRequest authenticated = request.withUser(access.check(request));
    return metrics.observe(authenticated, () -> route(authenticated));
  }

  /**
   * A GET of one object answered from etcd (the most frequent request) runs on the event loop when
   * access is decided without a remote review: the answer is then written from the etcd client's
   * callback, and no worker thread takes part.
   */
  @Override
  public Optional<ApiResponse> handleWithoutBlocking(ApiRequest request) {
    if (HealthHandler.isHealthPath(request.path())
        || TenantWebhooks.isWebhookPath(request.path())
        || !resources.answersWithoutBlocking(request)) {
      return Optional.empty();
    }
    // Authentication strips credentials from the headers; if the attempt is abandoned, the worker
    // thread must find them as they came.
    ApiRequest attempt = request.withCopiedHeaders();
    Optional<UserInfo> user = NonBlocking.attempt(() -> access.check(attempt));
    if (user.isEmpty()) {
      return Optional.empty();
    }
    ApiRequest authenticated = attempt.withUser(user.get());
    return Optional.of(metrics.observe(authenticated, () -> route(authenticated)));
  }

  private ApiResponse route(ApiRequest request) {
    String path = request.path();
    if (path.equals("/version") || path.equals("/version/")) {
      return version;
    }
    if (path.equals("/metrics")) {
      return metrics.scrape();
    }
    if (path.equals("/openapi") || path.startsWith("/openapi/")) {
      return openApi.apply(request);
    }
    ApiResponse document = discovery.handle(request);
    if (document != null) {
      return document;
    }
    if (request.info().resourceRequest()) {
      return resources.handle(request);
    }
    throw Statuses.notFoundPath();
  }
}
