package dev.controlplanes.kamaji.api.defaulting;

import static dev.controlplanes.kamaji.api.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantControlPlaneDefaultsTest {

  private static JsonObject created(String spec) {
    JsonObject tcp =
        json(
            "{metadata: {name: 't', namespace: 'n', uid: '4d9f0b6e-1c1e-4f7a'}, spec: "
                + spec
                + "}");
    TenantControlPlaneDefaults.apply(tcp, "default");
    return tcp.getAsJsonObject("spec");
  }

  private static final String MINIMAL =
      "{controlPlane: {service: {serviceType: 'LoadBalancer'}}, kubernetes: {version: 'v1.35.0', kubelet: {}}";

  @Test
  void fillsWhatKamajisWebhookFills() {
    JsonObject spec = created(MINIMAL + "}");

    assertThat(spec.get("dataStore").getAsString()).isEqualTo("default");
    assertThat(spec.get("dataStoreSchema").getAsString()).isEqualTo("4d9f0b6e-1c1e-4f7a");
    assertThat(spec.get("dataStoreUsername").getAsString()).isEqualTo("4d9f0b6e-1c1e-4f7a");
    assertThat(
            spec.getAsJsonObject("controlPlane")
                .getAsJsonObject("deployment")
                .get("replicas")
                .getAsInt())
        .isEqualTo(2);
    JsonObject network = spec.getAsJsonObject("networkProfile");
    assertThat(network.getAsJsonArray("serviceCidrs")).isEqualTo(array("10.96.0.0/16"));
    assertThat(network.getAsJsonArray("podCidrs")).isEqualTo(array("10.244.0.0/16"));
    assertThat(network.getAsJsonArray("dnsServiceIPs")).isEqualTo(array("10.96.0.10"));
    assertThat(network.get("clusterDomain").getAsString()).isEqualTo("cluster.local");
  }

  @Test
  void keepsWhatTheUserSet() {
    JsonObject spec =
        created(
            MINIMAL
                + """
                , dataStore: 'gold', dataStoreSchema: 'mine', dataStoreUsername: 'me',
                  networkProfile: {serviceCidr: '10.100.0.0/16', serviceCidrs: ['10.200.0.0/16'],
                                   dnsServiceIPs: ['10.200.0.53']}}
                """);

    assertThat(spec.get("dataStore").getAsString()).isEqualTo("gold");
    assertThat(spec.get("dataStoreSchema").getAsString()).isEqualTo("mine");
    assertThat(spec.get("dataStoreUsername").getAsString()).isEqualTo("me");
    JsonObject network = spec.getAsJsonObject("networkProfile");
    assertThat(network.getAsJsonArray("serviceCidrs")).isEqualTo(array("10.200.0.0/16"));
    assertThat(network.getAsJsonArray("dnsServiceIPs")).isEqualTo(array("10.200.0.53"));
  }

  @Test
  void dualStackGivesOneDnsIpPerServiceCidr() {
    JsonObject network =
        created(
                MINIMAL
                    + ", networkProfile: {serviceCidrs: ['10.96.0.0/16', 'fd00::/108'],"
                    + " podCidrs: ['10.244.0.0/16', 'fd00:244::/56']}}")
            .getAsJsonObject("networkProfile");

    assertThat(network.getAsJsonArray("dnsServiceIPs")).isEqualTo(array("10.96.0.10", "fd00::10"));
    assertThat(network.getAsJsonArray("podCidrs"))
        .isEqualTo(array("10.244.0.0/16", "fd00:244::/56"));
  }

  @Test
  void deprecatedSingleCidrsAreCopiedToTheLists() {
    JsonObject network =
        created(
                MINIMAL
                    + ", networkProfile: {serviceCidr: '172.20.0.0/16', podCidr: '172.21.0.0/16'}}")
            .getAsJsonObject("networkProfile");

    assertThat(network.getAsJsonArray("serviceCidrs")).isEqualTo(array("172.20.0.0/16"));
    assertThat(network.getAsJsonArray("podCidrs")).isEqualTo(array("172.21.0.0/16"));
    assertThat(network.getAsJsonArray("dnsServiceIPs")).isEqualTo(array("172.20.0.10"));
  }

  @Test
  void noDefaultDataStoreLeavesItEmptyAndExistingReplicasStay() {
    JsonObject tcp =
        json(
            "{metadata: {uid: 'u'}, spec: {controlPlane: {deployment: {replicas: 0}, service: {}}}}");
    TenantControlPlaneDefaults.apply(tcp, null);

    JsonObject spec = tcp.getAsJsonObject("spec");
    assertThat(spec.has("dataStore")).isFalse();
    assertThat(
            spec.getAsJsonObject("controlPlane")
                .getAsJsonObject("deployment")
                .get("replicas")
                .getAsInt())
        .isZero();
  }

  @Test
  void needsTheUid() {
    JsonObject tcp = json("{metadata: {name: 't'}, spec: {}}");
    assertThatThrownBy(() -> TenantControlPlaneDefaults.apply(tcp, "default"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("metadata.uid");
  }

  @ParameterizedTest
  @CsvSource({
    "10.96.0.0/16, 10.96.0.10",
    "10.96.0.0/12, 10.96.0.10",
    "192.168.0.0/24, 192.168.0.10",
    "10.96.0.5/16, 10.96.0.15",
    "fd00::/108, fd00::10",
    "2001:db8:abcd::/64, 2001:db8:abcd::10",
    "fd00::/120, fd00::10",
  })
  void dnsServiceIpIsTheCidrAddressPlusTenOrSixteen(String cidr, String ip) {
    assertThat(TenantControlPlaneDefaults.dnsServiceIp(cidr)).contains(ip);
  }

  @Test
  void unparseableCidrsGiveNoDnsIp() {
    assertThat(TenantControlPlaneDefaults.dnsServiceIp("10.96.0.0")).isEmpty();
    JsonObject network =
        created(MINIMAL + ", networkProfile: {serviceCidrs: ['nope', 'fd00::/108']}}")
            .getAsJsonObject("networkProfile");
    assertThat(network.getAsJsonArray("dnsServiceIPs")).isEqualTo(array("fd00::10"));
  }

  private static JsonArray array(String... values) {
    JsonArray a = new JsonArray();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
