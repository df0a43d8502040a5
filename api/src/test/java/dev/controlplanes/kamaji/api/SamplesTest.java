package dev.controlplanes.kamaji.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.defaulting.TenantControlPlaneDefaults;
import dev.controlplanes.kamaji.api.schema.SchemaDefaulter;
import dev.controlplanes.kamaji.api.schema.SchemaPruner;
import dev.controlplanes.kamaji.api.validation.DataStoreValidation;
import dev.controlplanes.kamaji.api.validation.TenantControlPlaneValidation;
import dev.controlplanes.kamaji.api.validation.ValidationContext;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Manifests written like Kamaji's own samples (every driver, konnectivity, CoreDNS, kube-proxy,
 * dual-stack, LoadBalancer, Gateway, extra containers and volumes, plus objects with every field)
 * go through the create path cleanly: nothing pruned, no validation error.
 */
class SamplesTest {

  private static final ValidationContext CTX =
      ValidationContext.withDataStores(
          Set.of("default", "shared-etcd", "pg-medium", "events-etcd")::contains);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tcp-basic.yaml",
        "tcp-dualstack.yaml",
        "tcp-additional-containers.yaml",
        "tcp-additional-volumes.yaml",
        "tcp-gateway.yaml",
        "tcp-gateway-status.yaml",
        "tcp-kine.yaml",
        "tcp-konnectivity-hostnetwork.yaml",
        "tcp-everything.yaml"
      })
  void tenantControlPlanesPruneToNothingAndValidate(String sample) {
    JsonObject tcp = Fixtures.sample(sample);
    JsonObject original = tcp.deepCopy();

    assertThat(SchemaPruner.prune(tcp, Schemas.tenantControlPlane())).isEmpty();
    assertThat(tcp).isEqualTo(original);

    SchemaDefaulter.apply(tcp, Schemas.tenantControlPlane());
    tcp.getAsJsonObject("metadata").addProperty("uid", "0b7c2a8e-6b44-4a55-9a52-7d2f0c1d9e11");
    TenantControlPlaneDefaults.apply(tcp, "default");

    assertThat(TenantControlPlaneValidation.validate(tcp, CTX)).isEmpty();
    JsonObject network = tcp.getAsJsonObject("spec").getAsJsonObject("networkProfile");
    assertThat(network.getAsJsonArray("dnsServiceIPs")).isNotEmpty();
    assertThat(tcp.getAsJsonObject("spec").get("dataStore").getAsString()).isNotEmpty();

    JsonObject updated = tcp.deepCopy();
    updated.getAsJsonObject("metadata").addProperty("resourceVersion", "2");
    tcp.getAsJsonObject("metadata").addProperty("resourceVersion", "1");
    assertThat(TenantControlPlaneValidation.validateUpdate(updated, tcp, CTX)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "datastore-etcd.yaml",
        "datastore-mysql.yaml",
        "datastore-postgresql.yaml",
        "datastore-nats.yaml",
        "datastore-nats-plain.yaml",
        "datastore-with-status.yaml"
      })
  void dataStoresPruneToNothingAndValidate(String sample) {
    JsonObject dataStore = Fixtures.sample(sample);

    assertThat(SchemaPruner.prune(dataStore, Schemas.dataStore())).isEmpty();
    SchemaDefaulter.apply(dataStore, Schemas.dataStore());

    assertThat(DataStoreValidation.validate(dataStore)).isEmpty();
  }
}
