package dev.controlplanes.kamaji.api.defaulting;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.api.net.Cidr;
import dev.controlplanes.kamaji.api.net.IpAddress;
import dev.controlplanes.kamaji.api.schema.SchemaDefaulter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kamaji's mutating admission for TenantControlPlanes. <b>Create only</b>: Kamaji's webhook does
 * nothing on update, so calling this on an update would wrongly fill fields a user removed (the
 * update rules then refuse the removal instead).
 *
 * <p>On create, after the server has set {@code metadata.uid}:
 *
 * <ol>
 *   <li>the schema defaults are applied, with an absent {@code spec.networkProfile} treated as
 *       empty so its defaults (Service and Pod CIDRs) are in place;
 *   <li>{@code spec.dataStore} is set to the server's default DataStore when empty;
 *   <li>{@code spec.controlPlane.deployment.replicas} is set to 2 when absent;
 *   <li>{@code spec.dataStoreSchema} and {@code spec.dataStoreUsername} are set to the UID when
 *       empty;
 *   <li>{@code serviceCidrs}/{@code podCidrs} get the deprecated single {@code serviceCidr}/{@code
 *       podCidr} when empty;
 *   <li>{@code dnsServiceIPs} is derived from the Service CIDRs when empty: the address of each
 *       CIDR as written with its last byte increased by 10 (IPv4, {@code 10.96.0.0/16} gives {@code
 *       10.96.0.10}) or by 16 (IPv6, {@code fd00::/108} gives {@code fd00::10}).
 * </ol>
 *
 * Unparseable CIDRs are skipped; validation reports them. Kamaji's webhook sees an absent
 * networkProfile as empty before the schema defaults exist, which leaves such objects without
 * Service CIDR lists and DNS IPs; applying the defaults first is a deliberate fix.
 */
public final class TenantControlPlaneDefaults {

  /** The replica count Kamaji gives a control plane that does not set one. */
  public static final int DEFAULT_REPLICAS = 2;

  private TenantControlPlaneDefaults() {}

  /**
   * Applies the create-time defaults in place.
   *
   * @param tcp the TenantControlPlane being created, with {@code metadata.uid} set
   * @param defaultDataStore the server's default DataStore name, or null for none
   * @throws IllegalStateException when the UID is needed but missing
   */
  public static void apply(JsonObject tcp, String defaultDataStore) {
    JsonObject spec = child(tcp, "spec");
    if (spec == null) {
      return;
    }
    if (!spec.has("networkProfile") || spec.get("networkProfile").isJsonNull()) {
      spec.add("networkProfile", new JsonObject());
    }
    SchemaDefaulter.apply(tcp, Schemas.tenantControlPlane());

    if (isEmpty(spec, "dataStore") && defaultDataStore != null && !defaultDataStore.isEmpty()) {
      spec.addProperty("dataStore", defaultDataStore);
    }
    JsonObject controlPlane = child(spec, "controlPlane");
    if (controlPlane != null) {
      JsonObject deployment = child(controlPlane, "deployment");
      if (deployment == null) {
        deployment = new JsonObject();
        controlPlane.add("deployment", deployment);
      }
      if (absent(deployment, "replicas")) {
        deployment.addProperty("replicas", DEFAULT_REPLICAS);
      }
    }
    if (isEmpty(spec, "dataStoreSchema")) {
      spec.addProperty("dataStoreSchema", uid(tcp));
    }
    if (isEmpty(spec, "dataStoreUsername")) {
      spec.addProperty("dataStoreUsername", uid(tcp));
    }
    JsonObject network = child(spec, "networkProfile");
    if (network != null) {
      copySingle(network, "serviceCidr", "serviceCidrs");
      copySingle(network, "podCidr", "podCidrs");
      defaultDnsServiceIps(network);
    }
  }

  /**
   * The DNS Service IP Kamaji derives from a Service CIDR, or empty when the text is not a CIDR.
   */
  public static Optional<String> dnsServiceIp(String serviceCidr) {
    return Cidr.parse(serviceCidr)
        .map(Cidr::address)
        .map(ip -> ip.plusLastByte(ip.isV4() ? 10 : 16))
        .map(IpAddress::toString);
  }

  private static void defaultDnsServiceIps(JsonObject network) {
    if (!emptyList(network, "dnsServiceIPs")) {
      return;
    }
    List<String> cidrs = new ArrayList<>();
    if (!emptyList(network, "serviceCidrs")) {
      network.getAsJsonArray("serviceCidrs").forEach(e -> cidrs.add(text(e)));
    } else if (!isEmpty(network, "serviceCidr")) {
      cidrs.add(network.get("serviceCidr").getAsString());
    }
    JsonArray ips = new JsonArray();
    for (String cidr : cidrs) {
      dnsServiceIp(cidr).ifPresent(ips::add);
    }
    if (!ips.isEmpty()) {
      network.add("dnsServiceIPs", ips);
    }
  }

  private static void copySingle(JsonObject network, String single, String list) {
    if (emptyList(network, list) && !isEmpty(network, single)) {
      JsonArray values = new JsonArray();
      values.add(network.get(single).getAsString());
      network.add(list, values);
    }
  }

  private static String uid(JsonObject tcp) {
    JsonObject metadata = child(tcp, "metadata");
    String uid = metadata == null ? null : text(metadata.get("uid"));
    if (uid == null || uid.isEmpty()) {
      throw new IllegalStateException("metadata.uid must be set before defaulting");
    }
    return uid;
  }

  private static JsonObject child(JsonObject parent, String name) {
    JsonElement e = parent.get(name);
    return e instanceof JsonObject o ? o : null;
  }

  private static boolean absent(JsonObject parent, String name) {
    return !parent.has(name) || parent.get(name).isJsonNull();
  }

  private static boolean isEmpty(JsonObject parent, String name) {
    String s = text(parent.get(name));
    return s == null || s.isEmpty();
  }

  private static boolean emptyList(JsonObject parent, String name) {
    JsonElement e = parent.get(name);
    return !(e instanceof JsonArray a) || a.isEmpty();
  }

  private static String text(JsonElement e) {
    return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
  }
}
