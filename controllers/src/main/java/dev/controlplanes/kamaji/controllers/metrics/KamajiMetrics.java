package dev.controlplanes.kamaji.controllers.metrics;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.datastore.DataStoreReconciler;
import dev.controlplanes.kamaji.controllers.model.Labels;
import dev.controlplanes.kamaji.controllers.model.SpecDefaults;
import dev.controlplanes.kamaji.controllers.pki.RenewalSchedule;
import dev.controlplanes.kamaji.controllers.resources.ControlPlaneAddress;
import dev.controlplanes.kamaji.controllers.tenantcontrolplane.VersionStatus;
import io.kubernetes.client.openapi.models.V1Condition;
import io.kubernetes.client.openapi.models.V1Secret;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Kamaji's own metrics ({@code internal/metrics}) under its names, labels and label values, so that
 * its dashboards keep working: build information, and, read from the controllers' caches at each
 * scrape (where Kamaji refreshes them after each reconcile), the TenantControlPlanes' identity,
 * state and count by readiness, the DataStores' driver, validation and count, and the certificate
 * and kubeconfig Secrets of each TenantControlPlane by state (valid, expiring within the renewal
 * deadline, or unreadable).
 */
public final class KamajiMetrics extends Collector {

  private static final Set<String> STATES =
      Set.of(
          VersionState.UNKNOWN,
          VersionState.PROVISIONING,
          VersionState.CERTIFICATE_AUTHORITY_ROTATING,
          VersionState.UPGRADING,
          VersionState.MIGRATING,
          VersionState.READY,
          VersionState.NOT_READY,
          VersionState.SLEEPING,
          VersionState.WRITE_LIMITED);
  private static final Set<String> STRATEGIES = Set.of("x509", "kubeconfig");
  private static final Set<String> DRIVERS =
      Set.of(
          DataStoreDriver.ETCD,
          DataStoreDriver.MYSQL,
          DataStoreDriver.POSTGRESQL,
          DataStoreDriver.NATS);

  private final String version;
  private final Supplier<List<TenantControlPlane>> tenantControlPlanes;
  private final Supplier<List<DataStore>> dataStores;
  private final Supplier<List<V1Secret>> secrets;
  private final Duration deadline;
  private final Clock clock;

  /**
   * @param version this server's version, for {@code kamaji_build_info}
   * @param secrets the cached Secrets (those labelled for the certificate lifecycle are counted)
   * @param deadline {@code --certificate-expiration-deadline}: a certificate expiring sooner is
   *     {@code expiring}
   */
  public KamajiMetrics(
      String version,
      Supplier<List<TenantControlPlane>> tenantControlPlanes,
      Supplier<List<DataStore>> dataStores,
      Supplier<List<V1Secret>> secrets,
      Duration deadline,
      Clock clock) {
    this.version = version;
    this.tenantControlPlanes = tenantControlPlanes;
    this.dataStores = dataStores;
    this.secrets = secrets;
    this.deadline = deadline;
    this.clock = clock;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    List<MetricFamilySamples> families = new ArrayList<>();
    GaugeMetricFamily build =
        new GaugeMetricFamily(
            "kamaji_build_info",
            "Build information for Kamaji.",
            List.of("version", "commit", "dirty", "repo", "build_time"));
    build.addMetric(List.of(version, "", "", "", ""), 1);
    families.add(build);

    GaugeMetricFamily tcpInfo =
        new GaugeMetricFamily(
            "kamaji_tenant_control_plane_info",
            "Identity and high-level configuration information for TenantControlPlane resources.",
            List.of(
                "tcp_namespace",
                "tcp_name",
                "kubernetes_version",
                "datastore_driver",
                "address",
                "exposure_strategy"));
    GaugeMetricFamily tcpStatus =
        new GaugeMetricFamily(
            "kamaji_tenant_control_plane_status",
            "Current status and readiness of TenantControlPlane resources.",
            List.of("tcp_namespace", "tcp_name", "status", "ready"));
    long ready = 0;
    long notReady = 0;
    // tcp namespace/name -> status -> strategy -> count, every TCP with all six at zero first.
    Map<List<String>, Map<String, Map<String, Integer>>> certificates = new TreeMap<>(KEY_ORDER);
    for (TenantControlPlane tcp : tenantControlPlanes.get()) {
      certificates.put(
          List.of(tcp.getMetadata().getNamespace(), tcp.getMetadata().getName()), new TreeMap<>());
      String namespace = tcp.getMetadata().getNamespace();
      String name = tcp.getMetadata().getName();
      String state = state(tcp);
      boolean isReady = state.equals(VersionState.READY);
      if (isReady) {
        ready++;
      } else {
        notReady++;
      }
      tcpStatus.addMetric(List.of(namespace, name, state, Boolean.toString(isReady)), 1);
      tcpInfo.addMetric(
          List.of(
              namespace,
              name,
              orUnknown(
                  tcp.getSpec() == null || tcp.getSpec().getKubernetes() == null
                      ? null
                      : tcp.getSpec().getKubernetes().getVersion()),
              driver(
                  tcp.getStatus() == null || tcp.getStatus().getStorage() == null
                      ? null
                      : tcp.getStatus().getStorage().getDriver()),
              address(tcp),
              exposure(tcp)),
          1);
    }
    families.add(tcpInfo);
    families.add(tcpStatus);
    GaugeMetricFamily tcpCount =
        new GaugeMetricFamily(
            "kamaji_tenant_control_planes_current",
            "Current number of TenantControlPlane resources by ready flag.",
            List.of("ready"));
    tcpCount.addMetric(List.of("true"), ready);
    tcpCount.addMetric(List.of("false"), notReady);
    families.add(tcpCount);

    GaugeMetricFamily dsInfo =
        new GaugeMetricFamily(
            "kamaji_datastore_info",
            "Identity and high-level configuration information for DataStore resources.",
            List.of("datastore_name", "driver"));
    GaugeMetricFamily dsStatus =
        new GaugeMetricFamily(
            "kamaji_datastore_status",
            "Current status and readiness of DataStore resources.",
            List.of("datastore_name", "status", "ready"));
    GaugeMetricFamily dsCount =
        new GaugeMetricFamily(
            "kamaji_datastores_current",
            "Current number of DataStore resources by name, ready flag and driver.",
            List.of("datastore_name", "ready", "driver"));
    for (DataStore ds : dataStores.get()) {
      String name = ds.getMetadata().getName();
      String driver = driver(ds.getSpec() == null ? null : ds.getSpec().getDriver());
      boolean isReady = ds.getStatus() != null && Boolean.TRUE.equals(ds.getStatus().getReady());
      dsInfo.addMetric(List.of(name, driver), 1);
      dsStatus.addMetric(List.of(name, validation(ds), Boolean.toString(isReady)), 1);
      dsCount.addMetric(List.of(name, "true", driver), isReady ? 1 : 0);
      dsCount.addMetric(List.of(name, "false", driver), isReady ? 0 : 1);
    }
    families.add(dsInfo);
    families.add(dsStatus);
    families.add(dsCount);
    families.add(certificates(certificates));
    return families;
  }

  private static final Comparator<List<String>> KEY_ORDER =
      Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1));

  private GaugeMetricFamily certificates(
      Map<List<String>, Map<String, Map<String, Integer>>> counts) {
    Instant renewBy = clock.instant().plus(deadline);
    for (V1Secret secret : secrets.get()) {
      Map<String, String> labels = secret.getMetadata().getLabels();
      String strategy = labels == null ? null : labels.get(Labels.CERTIFICATE_LIFECYCLE);
      String tcp = labels == null ? null : labels.get(Labels.NAME);
      if (tcp == null || tcp.isEmpty() || strategy == null || !STRATEGIES.contains(strategy)) {
        continue;
      }
      Optional<Instant> notAfter = RenewalSchedule.labelledNotAfter(strategy, secret.getData());
      String state =
          notAfter.isEmpty() ? "invalid" : renewBy.isAfter(notAfter.get()) ? "expiring" : "valid";
      counts
          .computeIfAbsent(List.of(secret.getMetadata().getNamespace(), tcp), k -> new TreeMap<>())
          .computeIfAbsent(state, k -> new TreeMap<>())
          .merge(strategy, 1, Integer::sum);
    }
    GaugeMetricFamily family =
        new GaugeMetricFamily(
            "kamaji_certificates_current",
            "Current number of certificate Secrets by tcp_namespace, tcp_name, status and strategy.",
            List.of("tcp_namespace", "tcp_name", "status", "strategy"));
    for (Map.Entry<List<String>, Map<String, Map<String, Integer>>> tcp : counts.entrySet()) {
      for (String state : List.of("valid", "expiring", "invalid")) {
        for (String strategy : List.of("x509", "kubeconfig")) {
          int n = tcp.getValue().getOrDefault(state, Map.of()).getOrDefault(strategy, 0);
          family.addMetric(List.of(tcp.getKey().get(0), tcp.getKey().get(1), state, strategy), n);
        }
      }
    }
    return family;
  }

  private static String state(TenantControlPlane tcp) {
    String stored = VersionStatus.stored(tcp);
    return stored != null && STATES.contains(stored) ? stored : VersionState.UNKNOWN;
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? "unknown" : value;
  }

  private static String driver(String driver) {
    return driver != null && DRIVERS.contains(driver) ? driver : "unknown";
  }

  /** {@code https://host:port} of the assigned address, or empty while none is known. */
  private static String address(TenantControlPlane tcp) {
    return ControlPlaneAddress.known(tcp)
        .map(
            host ->
                "https://"
                    + (host.contains(":") ? "[" + host + "]" : host)
                    + ":"
                    + SpecDefaults.port(tcp))
        .orElse("");
  }

  private static String exposure(TenantControlPlane tcp) {
    if (SpecDefaults.controlPlane(tcp).getGateway() != null) {
      return "gateway";
    }
    String type = SpecDefaults.service(tcp).getServiceType();
    return type != null && !type.isEmpty() ? "service" : "unknown";
  }

  /** The Valid condition's status: {@code True}, {@code False} or {@code Unknown}. */
  private static String validation(DataStore ds) {
    if (ds.getStatus() == null || ds.getStatus().getConditions() == null) {
      return "Unknown";
    }
    for (V1Condition condition : ds.getStatus().getConditions()) {
      if (DataStoreReconciler.VALIDATION.equals(condition.getType())) {
        String status = condition.getStatus();
        return "True".equals(status) || "False".equals(status) ? status : "Unknown";
      }
    }
    return "Unknown";
  }
}
