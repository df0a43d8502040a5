package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.v1alpha1.GatewayAccessPoint;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.GatewayApiObject;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneTlsRoute.Route;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayRoutesTest {

  private static final TenantControlPlane TCP =
      Fixtures.tcpWithSpec(
          "  controlPlane:\n"
              + "    service:\n"
              + "      serviceType: ClusterIP\n"
              + "    gateway:\n"
              + "      hostname: tenant-a.example.test\n"
              + "      additionalMetadata:\n"
              + "        labels: {team: blue}\n"
              + "      parentRefs:\n"
              + "      - name: shared\n"
              + "        namespace: gateways\n"
              + "  kubernetes:\n"
              + "    version: v1.35.7\n"
              + "  addons:\n"
              + "    konnectivity: {}\n");

  @Test
  void theControlPlaneRouteSendsTheHostnameToTheApiPort() {
    GatewayApiObject route = ControlPlaneTlsRoute.build(TCP, Route.CONTROL_PLANE);

    assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(route.getKind()).isEqualTo("TLSRoute");
    assertThat(route.getMetadata().getName()).isEqualTo("tenant-a");
    assertThat(route.getMetadata().getLabels())
        .containsEntry("team", "blue")
        .containsEntry("kamaji.clastix.io/component", "gateway_routes");
    assertThat(route.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(Fixtures.UID);
    assertThat(route.getSpec().toString())
        .isEqualTo(
            "{\"parentRefs\":[{\"namespace\":\"gateways\",\"name\":\"shared\"}],"
                + "\"hostnames\":[\"tenant-a.example.test\"],"
                + "\"rules\":[{\"backendRefs\":[{\"name\":\"tenant-a\",\"port\":6443}]}]}");
  }

  @Test
  void theKonnectivityRouteAttachesToTheKonnectivityListener() {
    GatewayApiObject route = ControlPlaneTlsRoute.build(TCP, Route.KONNECTIVITY);

    assertThat(route.getMetadata().getName()).isEqualTo("tenant-a-konnectivity");
    assertThat(route.getSpec().getAsJsonArray("parentRefs").toString())
        .isEqualTo(
            "[{\"namespace\":\"gateways\",\"name\":\"shared\",\"port\":8132,"
                + "\"sectionName\":\"konnectivity-server\"}]");
    assertThat(route.getSpec().getAsJsonArray("rules").toString()).contains("\"port\":8132");
    assertThat(Route.KONNECTIVITY.wanted(TCP)).isTrue();
    assertThat(Route.KONNECTIVITY.wanted(Fixtures.basic())).isFalse();
  }

  @Test
  void accessPointsComeFromTheAcceptingProgrammedGatewaysTlsListeners() {
    GatewayApiObject route = ControlPlaneTlsRoute.build(TCP, Route.CONTROL_PLANE);
    route.status(
        parse(
            "{\"parents\": [{\"parentRef\": {\"name\": \"shared\", \"namespace\": \"gateways\"},"
                + " \"controllerName\": \"example.test/gw\","
                + " \"conditions\": [{\"type\": \"Accepted\", \"status\": \"True\"}]}]}"));
    Map<String, GatewayApiObject> gateways =
        Map.of(
            "gateways/shared",
            gateway(
                "[{\"name\": \"api\", \"port\": 6443, \"protocol\": \"TLS\"},"
                    + " {\"name\": \"web\", \"port\": 443, \"protocol\": \"HTTPS\"},"
                    + " {\"name\": \"konnectivity-server\", \"port\": 8132, \"protocol\": \"TLS\"}]",
                "True"));

    List<GatewayAccessPoint> points =
        GatewayAccessPoints.of(
            route, (ns, name) -> Optional.ofNullable(gateways.get(ns + "/" + name)));

    assertThat(points)
        .extracting(GatewayAccessPoint::getValue)
        .containsExactly(
            "https://tenant-a.example.test:6443", "https://tenant-a.example.test:8132");
    assertThat(points.get(0).getType()).isEqualTo("Hostname");
    assertThat(points.get(0).getPort()).isEqualTo(6443);

    // The konnectivity route names its listener and port: that one only.
    GatewayApiObject konnectivity = ControlPlaneTlsRoute.build(TCP, Route.KONNECTIVITY);
    konnectivity.status(
        parse(
            "{\"parents\": [{\"parentRef\": {\"name\": \"shared\", \"namespace\": \"gateways\","
                + " \"sectionName\": \"konnectivity-server\", \"port\": 8132},"
                + " \"conditions\": [{\"type\": \"Accepted\", \"status\": \"True\"}]}]}"));
    assertThat(
            GatewayAccessPoints.of(
                    konnectivity, (ns, name) -> Optional.ofNullable(gateways.get(ns + "/" + name)))
                .stream()
                .map(GatewayAccessPoint::getValue))
        .containsExactly("https://tenant-a.example.test:8132");
  }

  @Test
  void noAccessPointUntilTheRouteIsAcceptedAndTheGatewayProgrammed() {
    GatewayApiObject route = ControlPlaneTlsRoute.build(TCP, Route.CONTROL_PLANE);
    assertThat(GatewayAccessPoints.of(route, (ns, name) -> Optional.empty())).isEmpty();

    route.status(
        parse(
            "{\"parents\": [{\"parentRef\": {\"name\": \"shared\", \"namespace\": \"gateways\"},"
                + " \"conditions\": [{\"type\": \"Accepted\", \"status\": \"True\"}]}]}"));
    GatewayApiObject unprogrammed =
        gateway("[{\"name\": \"api\", \"port\": 6443, \"protocol\": \"TLS\"}]", "False");
    assertThat(GatewayAccessPoints.of(route, (ns, name) -> Optional.of(unprogrammed))).isEmpty();
  }

  @Test
  void aRouteNeedsAHostname() {
    TenantControlPlane noHostname =
        Fixtures.tcpWithSpec(
            "  controlPlane:\n"
                + "    gateway:\n"
                + "      parentRefs: [{name: shared}]\n"
                + "  kubernetes:\n"
                + "    version: v1.35.7\n");
    assertThatThrownBy(() -> ControlPlaneTlsRoute.build(noHostname, Route.CONTROL_PLANE))
        .hasMessageContaining("missing hostname");
  }

  private static GatewayApiObject gateway(String listeners, String programmed) {
    return new GatewayApiObject()
        .metadata(new V1ObjectMeta().namespace("gateways").name("shared"))
        .spec(parse("{\"gatewayClassName\": \"example\", \"listeners\": " + listeners + "}"))
        .status(
            parse(
                "{\"conditions\": [{\"type\": \"Programmed\", \"status\": \""
                    + programmed
                    + "\"}]}"));
  }

  private static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }
}
