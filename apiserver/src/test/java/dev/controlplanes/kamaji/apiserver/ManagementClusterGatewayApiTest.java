package dev.controlplanes.kamaji.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.apiserver.authn.StubKubeApiServer;
import dev.controlplanes.kamaji.apiserver.authn.StubKubeApiServer.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Gateway API lookup behind admission, against a stub of the management cluster. */
class ManagementClusterGatewayApiTest {

  private static final String PATH = "/apis/gateway.networking.k8s.io/v1";

  private static String resources(String... names) {
    StringBuilder json =
        new StringBuilder(
            "{\"kind\":\"APIResourceList\",\"groupVersion\":\"gateway.networking.k8s.io/v1\","
                + "\"resources\":[");
    for (int i = 0; i < names.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(names[i])
          .append("\",\"namespaced\":true,\"kind\":\"K\",\"verbs\":[\"get\"],")
          .append("\"singularName\":\"\"}");
    }
    return json.append("]}").toString();
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void theAnswerFollowsTheClusterWithinItsTimeToLive() throws Exception {
    try (StubKubeApiServer cluster = new StubKubeApiServer()) {
      MovingClock clock = new MovingClock();
      ManagementClusterGatewayApi gatewayApi =
          new ManagementClusterGatewayApi(cluster.apiClient(), clock);

      // No Gateway API CRDs: the group version is not served.
      assertThat(gatewayApi.gatewayApiServed()).isFalse();
      assertThat(gatewayApi.tlsRoutesServed()).isFalse();

      // Installed without TLSRoutes (the standard channel): seen once the answer expires.
      cluster.route("GET", PATH, body -> Response.ok(resources("gateways", "httproutes")));
      assertThat(gatewayApi.gatewayApiServed()).isFalse();
      clock.advance(ManagementClusterGatewayApi.TTL);
      assertThat(gatewayApi.gatewayApiServed()).isTrue();
      assertThat(gatewayApi.tlsRoutesServed()).isFalse();

      cluster.route(
          "GET", PATH, body -> Response.ok(resources("gateways", "httproutes", "tlsroutes")));
      clock.advance(ManagementClusterGatewayApi.TTL);
      assertThat(gatewayApi.tlsRoutesServed()).isTrue();
      int asked = cluster.requests().size();
      assertThat(gatewayApi.gatewayApiServed()).isTrue();
      assertThat(cluster.requests()).hasSize(asked);

      // A failed lookup keeps the last answer.
      cluster.route("GET", PATH, body -> new Response(500, "{}"));
      clock.advance(ManagementClusterGatewayApi.TTL);
      assertThat(gatewayApi.tlsRoutesServed()).isTrue();
    }
  }
}
