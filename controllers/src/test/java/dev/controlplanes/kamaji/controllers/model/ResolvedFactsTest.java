package dev.controlplanes.kamaji.controllers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.api.v1alpha1.CertKeyPair;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreOverride;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TlsConfig;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts.EtcdOverride;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedFactsTest {

  @Test
  void resolveTakesDriverTlsAndOverridesFromTheObjects() {
    TenantControlPlane tcp = Fixtures.basic();
    tcp.getSpec()
        .dataStoreSchema("schema_a")
        .dataStoreOverrides(
            List.of(
                new DataStoreOverride().resource("/events").dataStore("ev"),
                new DataStoreOverride().resource("/leases").dataStore("ls")));
    DataStore primary =
        dataStore(
            "default",
            "etcd",
            List.of("e0:2379"),
            new TlsConfig().certificateAuthority(new CertKeyPair()));
    ResolvedFacts facts =
        ResolvedFacts.resolve(
            tcp,
            primary,
            Map.of(
                "ev", dataStore("ev", "etcd", List.of("ev0:2379", "ev1:2379"), null),
                "ls", dataStore("ls", "etcd", List.of("ls0:2379"), null)),
            "10.0.0.1",
            Map.of(),
            null);
    assertThat(facts.dataStore().name()).isEqualTo("default");
    assertThat(facts.dataStore().usesKine()).isFalse();
    assertThat(facts.dataStore().tls()).isTrue();
    assertThat(facts.dataStore().clientCertificate()).isFalse();
    assertThat(facts.dataStoreSchema()).isEqualTo("schema_a");
    assertThat(facts.dataStoreUser()).isEqualTo(Fixtures.UID);
    assertThat(facts.overrides())
        .containsExactly(
            new EtcdOverride("/events", List.of("ev0:2379", "ev1:2379")),
            new EtcdOverride("/leases", List.of("ls0:2379")));
    assertThat(facts.images()).isEqualTo(ResolvedFacts.Images.defaults());
    assertThat(facts.withDataStoreUser("nats-root").dataStoreUser()).isEqualTo("nats-root");

    assertThatThrownBy(
            () -> ResolvedFacts.resolve(tcp, primary, Map.of(), "10.0.0.1", Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ev");
  }

  private static DataStore dataStore(
      String name, String driver, List<String> endpoints, TlsConfig tls) {
    return new DataStore()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new DataStoreSpec().driver(driver).endpoints(endpoints).tlsConfig(tls));
  }
}
