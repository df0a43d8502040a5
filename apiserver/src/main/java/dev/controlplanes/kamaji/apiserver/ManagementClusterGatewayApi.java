package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.GatewayApiAvailability;
import dev.controlplanes.kamaji.controllers.kube.GatewayApi;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gateway API resources the management cluster serves, asked through its discovery and
 * remembered briefly: admission asks on every create and update with a gateway, and CRDs come and
 * go rarely. A failed lookup keeps the last answer; with none yet, the API counts as absent, as
 * Kamaji's webhook counts it.
 */
final class ManagementClusterGatewayApi implements GatewayApiAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementClusterGatewayApi.class);

  static final Duration TTL = Duration.ofSeconds(30);

  private final ApiClient client;
  private final Clock clock;
  private Set<String> served;
  private Instant lookedUp = Instant.MIN;

  ManagementClusterGatewayApi(ApiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public boolean gatewayApiServed() {
    return !served().isEmpty();
  }

  @Override
  public boolean tlsRoutesServed() {
    return served().contains("tlsroutes");
  }

  private synchronized Set<String> served() {
    Instant now = clock.instant();
    if (served == null || !now.isBefore(lookedUp.plus(TTL))) {
      try {
        served = GatewayApi.servedResources(client);
      } catch (ApiException e) {
        LOG.warn("could not look up the Gateway API (HTTP {})", e.getCode());
        if (served == null) {
          served = Set.of();
        }
      }
      lookedUp = now;
    }
    return served;
  }
}
