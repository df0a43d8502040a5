package dev.controlplanes.kamaji.api.validation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.field.FieldError;
import dev.controlplanes.kamaji.api.field.FieldErrors;
import dev.controlplanes.kamaji.api.field.FieldPath;
import dev.controlplanes.kamaji.api.net.Cidr;
import dev.controlplanes.kamaji.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kamaji's rules on {@code spec.networkProfile}: its CEL rules (CIDRs, advertise address,
 * LoadBalancer-only fields, immutable fields) and its webhook checks (DNS Service IPs, cert SANs).
 */
final class NetworkProfileRules {

  static final FieldPath NETWORK = FieldPath.of("spec.networkProfile");
  static final String LOAD_BALANCER = "LoadBalancer";

  private NetworkProfileRules() {}

  /** Rules that hold on create and on update. */
  static List<FieldError> validate(JsonObject spec) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject network = Nodes.object(spec, "networkProfile");
    if (network != null) {
      errors.addAll(cidr(network, "serviceCidr", "serviceCidr must be empty or a valid CIDR"));
      errors.addAll(cidrs(network, "serviceCidrs", "all serviceCidrs entries must be valid CIDRs"));
      errors.addAll(cidr(network, "podCidr", "podCidr must be empty or a valid CIDR"));
      errors.addAll(cidrs(network, "podCidrs", "all podCidrs entries must be valid CIDRs"));
      errors.addAll(
          cidrs(
              network,
              "loadBalancerSourceRanges",
              "all LoadBalancer source range entries must be valid CIDR"));
      errors.addAll(advertiseAddress(network));
      errors.addAll(dnsServiceIps(network));
      errors.addAll(certSans(network));
    }
    errors.addAll(loadBalancerOnly(spec));
    return errors;
  }

  /** Rules comparing an update with the stored object. */
  static List<FieldError> validateUpdate(JsonObject spec, JsonObject oldSpec) {
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(
        unchanged(spec, oldSpec, "clusterDomain", "changing the cluster domain is not supported"));
    errors.addAll(unchanged(spec, oldSpec, "loadBalancerClass", "LoadBalancerClass is immutable"));
    boolean loadBalancer = LOAD_BALANCER.equals(serviceType(spec));
    boolean wasLoadBalancer = LOAD_BALANCER.equals(serviceType(oldSpec));
    boolean hasClass = Nodes.present(spec, "networkProfile", "loadBalancerClass");
    boolean hadClass = Nodes.present(oldSpec, "networkProfile", "loadBalancerClass");
    if (loadBalancer && wasLoadBalancer && hasClass != hadClass) {
      errors.add(
          FieldErrors.forbidden(
              NETWORK.child("loadBalancerClass"),
              "LoadBalancerClass cannot be set or unset at runtime"));
    }
    return errors;
  }

  static String serviceType(JsonObject spec) {
    return Nodes.string(spec, "controlPlane", "service", "serviceType");
  }

  private static List<FieldError> loadBalancerOnly(JsonObject spec) {
    String type = serviceType(spec);
    if (type == null || LOAD_BALANCER.equals(type)) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    JsonArray ranges = Nodes.array(spec, "networkProfile", "loadBalancerSourceRanges");
    if (ranges != null && !ranges.isEmpty()) {
      errors.add(
          FieldErrors.forbidden(
              NETWORK.child("loadBalancerSourceRanges"),
              "LoadBalancer source ranges are supported only with LoadBalancer service type"));
    }
    if (Nodes.present(spec, "networkProfile", "loadBalancerClass")) {
      errors.add(
          FieldErrors.forbidden(
              NETWORK.child("loadBalancerClass"),
              "LoadBalancerClass is supported only with LoadBalancer service type"));
    }
    if (Nodes.present(spec, "controlPlane", "service", "allocateLoadBalancerNodePorts")) {
      errors.add(
          FieldErrors.forbidden(
              FieldPath.of("spec.controlPlane.service.allocateLoadBalancerNodePorts"),
              "allocateLoadBalancerNodePorts is supported only with LoadBalancer service type"));
    }
    return errors;
  }

  private static List<FieldError> cidr(JsonObject network, String field, String message) {
    String value = Nodes.string(network, field);
    if (value == null || value.isEmpty() || isCelCidr(value)) {
      return List.of();
    }
    return List.of(FieldErrors.invalid(NETWORK.child(field), value, message));
  }

  private static List<FieldError> cidrs(JsonObject network, String field, String message) {
    List<FieldError> errors = new ArrayList<>();
    List<String> values = Nodes.strings(Nodes.array(network, field));
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value != null && !isCelCidr(value)) {
        errors.add(FieldErrors.invalid(NETWORK.child(field).index(i), value, message));
      }
    }
    return errors;
  }

  private static List<FieldError> advertiseAddress(JsonObject network) {
    String value = Nodes.string(network, "advertiseAddress");
    if (value == null || value.isEmpty() || isCelIp(value)) {
      return List.of();
    }
    return List.of(
        FieldErrors.invalid(
            NETWORK.child("advertiseAddress"),
            value,
            "advertiseAddress must be a valid IP address"));
  }

  private static List<FieldError> dnsServiceIps(JsonObject network) {
    List<String> ips = Nodes.strings(Nodes.array(network, "dnsServiceIPs"));
    if (ips.isEmpty()) {
      return List.of();
    }
    List<String> cidrs = serviceCidrs(network);
    if (cidrs.isEmpty()) {
      return List.of(
          FieldErrors.required(NETWORK.child("serviceCidrs"), "no service CIDRs defined"));
    }
    List<Cidr> parsed = new ArrayList<>();
    for (String cidr : cidrs) {
      Optional<Cidr> c = Cidr.parse(cidr);
      if (c.isEmpty()) {
        return List.of(); // reported by the CIDR rules; containment cannot be judged
      }
      parsed.add(c.get());
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < ips.size(); i++) {
      String text = ips.get(i);
      if (text == null) {
        continue;
      }
      FieldPath path = NETWORK.child("dnsServiceIPs").index(i);
      Optional<IpAddress> ip = IpAddress.parse(text);
      if (ip.isEmpty()) {
        errors.add(FieldErrors.invalid(path, text, "must be a valid IP address"));
      } else if (parsed.stream().noneMatch(c -> c.contains(ip.get()))) {
        errors.add(
            FieldErrors.invalid(path, text, "is not contained in any configured service CIDR"));
      }
    }
    return errors;
  }

  /** The Service CIDRs in effect: serviceCidrs, else the deprecated serviceCidr. */
  static List<String> serviceCidrs(JsonObject network) {
    List<String> list = new ArrayList<>(Nodes.strings(Nodes.array(network, "serviceCidrs")));
    list.removeIf(Objects::isNull);
    if (list.isEmpty() && Nodes.hasText(network, "serviceCidr")) {
      list.add(Nodes.string(network, "serviceCidr"));
    }
    return list;
  }

  private static List<FieldError> certSans(JsonObject network) {
    List<FieldError> errors = new ArrayList<>();
    List<String> sans = Nodes.strings(Nodes.array(network, "certSANs"));
    for (int i = 0; i < sans.size(); i++) {
      String san = sans.get(i);
      if (san == null) {
        continue;
      }
      List<String> subdomain = NameFormats.isDns1123Subdomain(san);
      List<String> wildcard = NameFormats.isWildcardDns1123Subdomain(san);
      if (!subdomain.isEmpty() && !wildcard.isEmpty() && IpAddress.parse(san).isEmpty()) {
        errors.add(
            FieldErrors.invalid(
                NETWORK.child("certSANs").index(i),
                san,
                "altname is not a valid IP address, DNS label or a DNS label with subdomain"
                    + " wildcards: "
                    + String.join("; ", subdomain)
                    + "; "
                    + String.join("; ", wildcard)));
      }
    }
    return errors;
  }

  private static List<FieldError> unchanged(
      JsonObject spec, JsonObject oldSpec, String field, String message) {
    JsonElement now = Nodes.get(spec, "networkProfile", field);
    JsonElement before = Nodes.get(oldSpec, "networkProfile", field);
    if (now != null && before != null && !now.equals(before)) {
      return List.of(FieldErrors.invalid(NETWORK.child(field), now, message));
    }
    return List.of();
  }

  /** CEL's isIP(): an IP literal, IPv4-mapped IPv6 addresses excluded. */
  static boolean isCelIp(String value) {
    return IpAddress.parse(value).filter(ip -> !ip.isV4Mapped()).isPresent();
  }

  /** CEL's isCIDR(): a CIDR whose address is not IPv4-mapped IPv6. */
  static boolean isCelCidr(String value) {
    return Cidr.parse(value).filter(c -> !c.address().isV4Mapped()).isPresent();
  }
}
