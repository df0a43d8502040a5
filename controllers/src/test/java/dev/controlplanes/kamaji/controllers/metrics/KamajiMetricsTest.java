package dev.controlplanes.kamaji.controllers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.JSON;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KamajiMetricsTest {

  private static TenantControlPlane tcp(String name, String state, String gateway) {
    return JSON.deserialize(
        JsonParser.parseString(
                """
                {"metadata": {"namespace": "tenants", "name": "%s"},
                 "spec": {"kubernetes": {"version": "v1.35.7"},
                          "networkProfile": {"port": 6443},
                          "controlPlane": {"service": {"serviceType": "LoadBalancer"}%s}},
                 "status": {"controlPlaneEndpoint": "10.0.0.7:6443",
                            "storage": {"driver": "etcd"},
                            "kubernetesResources": {"version": {"status": "%s"}}}}
                """
                    .formatted(name, gateway, state))
            .toString(),
        TenantControlPlane.class);
  }

  private static DataStore dataStore(String name, String driver, boolean ready) {
    return JSON.deserialize(
        """
        {"metadata": {"name": "%s"}, "spec": {"driver": "%s", "endpoints": ["e:1"]},
         "status": {"ready": %s, "conditions": [{"type": "kamaji.clastix.io/DataStoreValidation",
           "status": "%s", "reason": "r", "message": "", "lastTransitionTime": "2026-11-22T07:00:00Z"}]}}
        """
            .formatted(name, driver, ready, ready ? "True" : "False"),
        DataStore.class);
  }

  @Test
  void tenantControlPlanesAndDataStoresAreCountedWithKamajisLabels() {
    CollectorRegistry registry = new CollectorRegistry();
    new KamajiMetrics(
            "v0.1.0",
            () ->
                List.of(
                    tcp("a", "Ready", ""),
                    tcp("b", "Provisioning", ""),
                    tcp("c", "Bogus", ", \"gateway\": {\"hostname\": \"c.example\"}")),
            () -> List.of(dataStore("default", "etcd", true), dataStore("pg", "Oracle", false)),
            () -> List.of(),
            java.time.Duration.ofHours(24),
            java.time.Clock.systemUTC())
        .register(registry);

    assertThat(value(registry, "kamaji_build_info", "version", "v0.1.0")).isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_tenant_control_plane_status",
                new String[] {"tcp_namespace", "tcp_name", "status", "ready"},
                new String[] {"tenants", "c", "Unknown", "false"}))
        .isEqualTo(1);
    assertThat(tcpInfo(registry, "a", "service")).isEqualTo(1);
    assertThat(tcpInfo(registry, "c", "gateway")).isEqualTo(1);
    assertThat(value(registry, "kamaji_tenant_control_planes_current", "ready", "true"))
        .isEqualTo(1);
    assertThat(value(registry, "kamaji_tenant_control_planes_current", "ready", "false"))
        .isEqualTo(2);
    assertThat(
            registry.getSampleValue(
                "kamaji_datastore_info",
                new String[] {"datastore_name", "driver"},
                new String[] {"pg", "unknown"}))
        .isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_datastore_status",
                new String[] {"datastore_name", "status", "ready"},
                new String[] {"pg", "False", "false"}))
        .isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_datastores_current",
                new String[] {"datastore_name", "ready", "driver"},
                new String[] {"default", "true", "etcd"}))
        .isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_datastores_current",
                new String[] {"datastore_name", "ready", "driver"},
                new String[] {"default", "false", "etcd"}))
        .isEqualTo(0);
  }

  /** The info sample of TCP {@code name} (version, driver and address as {@link #tcp} gives). */
  private static Double tcpInfo(CollectorRegistry registry, String name, String exposure) {
    return registry.getSampleValue(
        "kamaji_tenant_control_plane_info",
        new String[] {
          "tcp_namespace",
          "tcp_name",
          "kubernetes_version",
          "datastore_driver",
          "address",
          "exposure_strategy"
        },
        new String[] {"tenants", name, "v1.35.7", "etcd", "https://10.0.0.7:6443", exposure});
  }

  private static Double value(CollectorRegistry registry, String name, String label, String v) {
    for (Collector.MetricFamilySamples family : Collections.list(registry.metricFamilySamples())) {
      for (Collector.MetricFamilySamples.Sample sample : family.samples) {
        int index = sample.labelNames.indexOf(label);
        if (sample.name.equals(name) && index >= 0 && sample.labelValues.get(index).equals(v)) {
          return sample.value;
        }
      }
    }
    return null;
  }

  @Test
  void certificateSecretsAreCountedByStateAndStrategyForEveryTenant() {
    java.time.Instant now = java.time.Instant.parse("2026-11-22T08:00:00Z");
    dev.controlplanes.kamaji.controllers.pki.TenantCertificates pki =
        new dev.controlplanes.kamaji.controllers.pki.TenantCertificates(
            dev.controlplanes.kamaji.controllers.pki.TenantPkiParameters.of(
                    "a", "tenants", "cluster.local", List.of("10.96.0.0/16"), "10.0.0.7", 6443)
                .withAlgorithm(dev.controlplanes.kamaji.controllers.pki.KeyAlgorithm.ECDSA_P256)
                .withClock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)));
    List<io.kubernetes.client.openapi.models.V1Secret> secrets = new java.util.ArrayList<>();
    for (dev.controlplanes.kamaji.controllers.pki.SecretContent content : pki.issueAll()) {
      String strategy = content.secret().kind().label();
      if (strategy == null) {
        continue;
      }
      secrets.add(secret(content.secret().secretName("a"), strategy, content.data()));
    }
    secrets.add(secret("a-broken", "x509", java.util.Map.of("tls.crt", "nope".getBytes())));
    // Secrets of the tenant outside the lifecycle (the datastore config, say) are not counted.
    secrets.add(
        new io.kubernetes.client.openapi.models.V1Secret()
            .metadata(
                new io.kubernetes.client.openapi.models.V1ObjectMeta()
                    .namespace("tenants")
                    .name("a-datastore-config")
                    .labels(java.util.Map.of("kamaji.clastix.io/name", "a"))));
    long x509 =
        secrets.stream().filter(s -> s.getMetadata().getLabels().containsValue("x509")).count();
    long kubeconfigs =
        secrets.stream()
            .filter(s -> s.getMetadata().getLabels().containsValue("kubeconfig"))
            .count();

    CollectorRegistry today = registry(now, secrets);
    assertThat(certificates(today, "a", "valid", "x509")).isEqualTo(x509 - 1);
    assertThat(certificates(today, "a", "invalid", "x509")).isEqualTo(1);
    assertThat(certificates(today, "a", "valid", "kubeconfig")).isEqualTo(kubeconfigs);
    assertThat(certificates(today, "b", "valid", "x509")).isEqualTo(0);

    // Half a day before the one-year leaves expire they are within the 24 h deadline; the
    // ten-year ones (the CAs, konnectivity's) are not. Every Secret is still counted once.
    CollectorRegistry later =
        registry(now.plus(java.time.Duration.ofDays(364).plusHours(12)), secrets);
    assertThat(certificates(later, "a", "expiring", "kubeconfig")).isPositive();
    assertThat(certificates(later, "a", "expiring", "x509")).isPositive();
    assertThat(certificates(later, "a", "valid", "x509")).isPositive();
    assertThat(
            certificates(later, "a", "expiring", "kubeconfig")
                + certificates(later, "a", "valid", "kubeconfig"))
        .isEqualTo(kubeconfigs);
    assertThat(
            certificates(later, "a", "expiring", "x509")
                + certificates(later, "a", "valid", "x509")
                + certificates(later, "a", "invalid", "x509"))
        .isEqualTo(x509);
  }

  private static CollectorRegistry registry(
      java.time.Instant now, List<io.kubernetes.client.openapi.models.V1Secret> secrets) {
    CollectorRegistry registry = new CollectorRegistry();
    new KamajiMetrics(
            "v0.1.0",
            () -> List.of(tcp("a", "Ready", ""), tcp("b", "Ready", "")),
            List::of,
            () -> secrets,
            java.time.Duration.ofHours(24),
            java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
        .register(registry);
    return registry;
  }

  private static io.kubernetes.client.openapi.models.V1Secret secret(
      String name, String strategy, java.util.Map<String, byte[]> data) {
    return new io.kubernetes.client.openapi.models.V1Secret()
        .metadata(
            new io.kubernetes.client.openapi.models.V1ObjectMeta()
                .namespace("tenants")
                .name(name)
                .labels(
                    java.util.Map.of(
                        "kamaji.clastix.io/name",
                        "a",
                        "kamaji.clastix.io/certificate_lifecycle_controller",
                        strategy)))
        .data(data);
  }

  private static Double certificates(
      CollectorRegistry registry, String tcp, String status, String strategy) {
    return registry.getSampleValue(
        "kamaji_certificates_current",
        new String[] {"tcp_namespace", "tcp_name", "status", "strategy"},
        new String[] {"tenants", tcp, status, strategy});
  }
}
