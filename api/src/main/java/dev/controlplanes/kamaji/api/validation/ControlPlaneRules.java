package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules on {@code spec.controlPlane} and {@code spec.addons}: ingress or gateway, Gateway API
 * availability, the extra Service ports, and the konnectivity agent mode and replicas.
 */
final class ControlPlaneRules {

  static final FieldPath CONTROL_PLANE = FieldPath.of("spec.controlPlane");
  static final FieldPath ADDITIONAL_PORTS = CONTROL_PLANE.child("service").child("additionalPorts");
  static final Set<String> RESERVED_PORT_NAMES = Set.of("kube-apiserver", "konnectivity-server");
  static final long DEFAULT_API_SERVER_PORT = 6443;
  static final long DEFAULT_KONNECTIVITY_PORT = 8132;

  private ControlPlaneRules() {}

  static List<FieldError> validate(JsonObject spec, ValidationContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(exposure(spec, ctx));
    errors.addAll(additionalPorts(spec));
    errors.addAll(konnectivityAgent(spec));
    return errors;
  }

  private static List<FieldError> exposure(JsonObject spec, ValidationContext ctx) {
    if (!Nodes.present(spec, "controlPlane", "gateway")) {
      return List.of();
    }
    FieldPath gateway = CONTROL_PLANE.child("gateway");
    List<FieldError> errors = new ArrayList<>();
    if (Nodes.present(spec, "controlPlane", "ingress")) {
      errors.add(FieldErrors.forbidden(gateway, "using both ingress and gateway is not supported"));
    }
    if (!ctx.gatewayApiAvailable()) {
      errors.add(
          FieldErrors.forbidden(
              gateway,
              "the Gateway API is not available in this cluster, cannot use gatewayRoute"
                  + " configuration"));
    } else if (!ctx.tlsRouteAvailable()) {
      errors.add(
          FieldErrors.forbidden(gateway, "TLSRoute resource is not available in this cluster"));
    }
    return errors;
  }

  private static List<FieldError> additionalPorts(JsonObject spec) {
    List<FieldError> errors = new ArrayList<>();
    var ports = Nodes.array(spec, "controlPlane", "service", "additionalPorts");
    if (ports == null) {
      return errors;
    }
    Long apiServerPort = Nodes.integer(spec, "networkProfile", "port");
    long apiPort = apiServerPort == null ? DEFAULT_API_SERVER_PORT : apiServerPort;
    Long konnectivityPort = null;
    if (Nodes.present(spec, "addons", "konnectivity")) {
      Long declared = Nodes.integer(spec, "addons", "konnectivity", "server", "port");
      konnectivityPort = declared == null ? DEFAULT_KONNECTIVITY_PORT : declared;
    }
    Set<String> names = new HashSet<>();
    Set<String> endpoints = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      if (!(ports.get(i) instanceof JsonObject port)) {
        continue;
      }
      FieldPath path = ADDITIONAL_PORTS.index(i);
      errors.addAll(portName(port, path, names));
      Long number = Nodes.integer(port, "port");
      if (number != null) {
        NameFormats.isValidPortNum(number)
            .forEach(msg -> errors.add(FieldErrors.invalid(path.child("port"), number, msg)));
        String protocol = Nodes.hasText(port, "protocol") ? Nodes.string(port, "protocol") : "TCP";
        if (!endpoints.add(number + "/" + protocol)) {
          JsonObject key = new JsonObject();
          key.addProperty("port", number);
          key.addProperty("protocol", protocol);
          errors.add(FieldErrors.duplicate(path, key));
        } else if ("TCP".equals(protocol) && number == apiPort) {
          errors.add(
              FieldErrors.invalid(
                  path.child("port"), number, "is already used by the kube-apiserver port"));
        } else if ("TCP".equals(protocol)
            && konnectivityPort != null
            && number.equals(konnectivityPort)) {
          errors.add(
              FieldErrors.invalid(
                  path.child("port"), number, "is already used by the konnectivity-server port"));
        }
      }
      errors.addAll(targetPort(port.get("targetPort"), path.child("targetPort")));
    }
    return errors;
  }

  private static List<FieldError> portName(JsonObject port, FieldPath path, Set<String> names) {
    String name = Nodes.string(port, "name");
    if (name == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    FieldPath namePath = path.child("name");
    NameFormats.isDns1123Label(name)
        .forEach(msg -> errors.add(FieldErrors.invalid(namePath, name, msg)));
    if (RESERVED_PORT_NAMES.contains(name)) {
      errors.add(
          FieldErrors.invalid(
              namePath,
              name,
              "the names \"kube-apiserver\" and \"konnectivity-server\" are reserved for the ports"
                  + " Kamaji manages"));
    } else if (!names.add(name)) {
      errors.add(FieldErrors.duplicate(namePath, name));
    }
    return errors;
  }

  private static List<FieldError> targetPort(JsonElement value, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (value == null || !value.isJsonPrimitive()) {
      return errors;
    }
    if (value.getAsJsonPrimitive().isString()) {
      String name = value.getAsString();
      NameFormats.isValidPortName(name)
          .forEach(msg -> errors.add(FieldErrors.invalid(path, name, msg)));
    } else if (value.getAsJsonPrimitive().isNumber()) {
      long number = value.getAsLong();
      NameFormats.isValidPortNum(number)
          .forEach(msg -> errors.add(FieldErrors.invalid(path, number, msg)));
    }
    return errors;
  }

  private static List<FieldError> konnectivityAgent(JsonObject spec) {
    JsonObject agent = Nodes.object(spec, "addons", "konnectivity", "agent");
    if (agent == null || !Nodes.present(agent, "replicas")) {
      return List.of();
    }
    Long replicas = Nodes.integer(agent, "replicas");
    String mode = Nodes.hasText(agent, "mode") ? Nodes.string(agent, "mode") : "DaemonSet";
    if (replicas == null) {
      return List.of();
    }
    boolean wrong =
        ("DaemonSet".equals(mode) && replicas != 0) || ("Deployment".equals(mode) && replicas == 0);
    if (!wrong) {
      return List.of();
    }
    return List.of(
        FieldErrors.invalid(
            FieldPath.of("spec.addons.konnectivity.agent.replicas"),
            replicas,
            "replicas must be 0 (or unset) when mode is DaemonSet, and greater than 0 (or unset)"
                + " when mode is Deployment"));
  }
}
