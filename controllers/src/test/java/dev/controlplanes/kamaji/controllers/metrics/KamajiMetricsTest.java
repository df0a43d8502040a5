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
            () -> List.of(dataStore("default", "etcd", true), dataStore("pg", "Oracle", false)))
        .register(registry);

    assertThat(value(registry, "kamaji_build_info", "version", "v0.1.0")).isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_tenant_control_plane_status",
                new String[] {"tcp_namespace", "tcp_name", "status", "ready"},
                new String[] {"tenants", "c", "Unknown", "false"}))
        .isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_tenant_control_plane_info",
                new String[] {
                  "tcp_namespace",
                  "tcp_name",
                  "kubernetes_version",
                  "datastore_driver",
                  "address",
                  "exposure_strategy"
                },
                new String[] {
                  "tenants", "a", "v1.35.7", "etcd", "https://10.0.0.7:6443", "service"
                }))
        .isEqualTo(1);
    assertThat(
            registry.getSampleValue(
                "kamaji_tenant_control_plane_info",
                new String[] {
                  "tcp_namespace",
                  "tcp_name",
                  "kubernetes_version",
                  "datastore_driver",
                  "address",
                  "exposure_strategy"
                },
                new String[] {
                  "tenants", "c", "v1.35.7", "etcd", "https://10.0.0.7:6443", "gateway"
                }))
        .isEqualTo(1);
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
}
