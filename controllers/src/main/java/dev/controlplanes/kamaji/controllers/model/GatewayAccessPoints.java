package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.GatewayAccessPoint;
import dev.controlplanes.kamaji.controllers.kube.GatewayApiObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where a TenantControlPlane is reached through its TLSRoute, as Kamaji computes it: for each
 * parent Gateway that accepted the route and is programmed, each of its TLS listeners the route
 * attaches to (the {@code sectionName}'s, or all; only those of the reference's {@code port} when
 * it has one) gives {@code https://<hostname>:<listener port>}. Pure: Gateways come from {@code
 * gateways}.
 */
public final class GatewayAccessPoints {

  private GatewayAccessPoints() {}

  /**
   * @param route the TLSRoute as stored (its status names the parents)
   * @param gateways the Gateway of a namespace and name, if it exists
   * @throws IllegalStateException if a parent names a listener its Gateway does not have
   */
  public static List<GatewayAccessPoint> of(
      GatewayApiObject route, BiFunction<String, String, Optional<GatewayApiObject>> gateways) {
    List<GatewayAccessPoint> points = new ArrayList<>();
    for (JsonElement element : parents(route)) {
      JsonObject parent = element.getAsJsonObject();
      if (!conditionTrue(parent.getAsJsonArray("conditions"), "Accepted")) {
        continue;
      }
      JsonObject reference = parent.getAsJsonObject("parentRef");
      String namespace =
          reference.has("namespace")
              ? reference.get("namespace").getAsString()
              : route.getMetadata().getNamespace();
      Optional<GatewayApiObject> gateway =
          gateways.apply(namespace, reference.get("name").getAsString());
      if (gateway.isEmpty()
          || gateway.get().getStatus() == null
          || !conditionTrue(gateway.get().getStatus().getAsJsonArray("conditions"), "Programmed")) {
        continue;
      }
      for (JsonObject listener : listeners(gateway.get(), reference)) {
        int port = listener.get("port").getAsInt();
        for (JsonElement hostname : route.getSpec().getAsJsonArray("hostnames")) {
          points.add(
              new GatewayAccessPoint()
                  .type("Hostname")
                  .value("https://" + hostname.getAsString() + ":" + port)
                  .port(port));
        }
      }
    }
    return points;
  }

  /** The route's status parents, empty while no Gateway controller has seen it. */
  public static JsonArray parents(GatewayApiObject route) {
    JsonObject status = route.getStatus();
    return status == null || !status.has("parents")
        ? new JsonArray()
        : status.getAsJsonArray("parents");
  }

  private static List<JsonObject> listeners(GatewayApiObject gateway, JsonObject reference) {
    List<JsonObject> eligible = new ArrayList<>();
    String section = reference.has("sectionName") ? reference.get("sectionName").getAsString() : "";
    boolean found = section.isEmpty();
    JsonArray listeners = gateway.getSpec().getAsJsonArray("listeners");
    for (JsonElement element : listeners == null ? new JsonArray() : listeners) {
      JsonObject listener = element.getAsJsonObject();
      if (!section.isEmpty() && !section.equals(listener.get("name").getAsString())) {
        continue;
      }
      found = true;
      boolean tls = "TLS".equals(listener.get("protocol").getAsString());
      boolean port =
          !reference.has("port")
              || reference.get("port").getAsInt() == listener.get("port").getAsInt();
      if (tls && port) {
        eligible.add(listener);
      }
    }
    if (!found) {
      throw new IllegalStateException(
          "could not find listener '"
              + section
              + "' on Gateway "
              + gateway.getMetadata().getNamespace()
              + "/"
              + gateway.getMetadata().getName());
    }
    return eligible;
  }

  private static boolean conditionTrue(JsonArray conditions, String type) {
    if (conditions == null) {
      return false;
    }
    for (JsonElement element : conditions) {
      JsonObject condition = element.getAsJsonObject();
      if (type.equals(condition.get("type").getAsString())
          && "True".equals(condition.get("status").getAsString())) {
        return true;
      }
    }
    return false;
  }
}
