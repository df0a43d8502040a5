package dev.controlplanes.kamaji.apiserver.options;

import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.LeaderElectedControllers;
import dev.controlplanes.kamaji.controllers.tenant.TenantNetworks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line flags, named like k8s.io/apiserver's so operators find familiar names. Parsing
 * collects every problem and fails with all of them at once.
 *
 * @param kubeconfig the management cluster, used for TokenReview, SubjectAccessReview and the
 *     extension-apiserver-authentication ConfigMap; without it the server runs stand-alone and only
 *     admits client certificates of system:masters (local development)
 * @param controllers whether to run the embedded controllers: {@code auto} (the default) runs them
 *     when a management cluster is configured, {@code true} requires one, {@code false} never
 * @param leaderElection which replica runs them
 */
public record ServerOptions(
    String bindAddress,
    int securePort,
    List<String> etcdServers,
    String etcdPrefix,
    Optional<Path> etcdCaFile,
    Optional<Path> etcdCertFile,
    Optional<Path> etcdKeyFile,
    Optional<Path> tlsCertFile,
    Optional<Path> tlsPrivateKeyFile,
    Path certDir,
    Optional<Path> clientCaFile,
    Optional<Path> requestHeaderClientCaFile,
    Optional<List<String>> requestHeaderAllowedNames,
    Optional<Path> kubeconfig,
    boolean inCluster,
    String defaultDataStore,
    int handlerThreads,
    String controllers,
    ControllerOptions controllerOptions,
    LeaderElectionOptions leaderElection) {

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("bind-address", "127.0.0.1");
    DEFAULTS.put("secure-port", "8443");
    DEFAULTS.put("etcd-servers", "http://127.0.0.1:2379");
    DEFAULTS.put("etcd-prefix", "/registry");
    DEFAULTS.put("etcd-cafile", "");
    DEFAULTS.put("etcd-certfile", "");
    DEFAULTS.put("etcd-keyfile", "");
    DEFAULTS.put("tls-cert-file", "");
    DEFAULTS.put("tls-private-key-file", "");
    DEFAULTS.put("cert-dir", "apiserver.local.config/certificates");
    DEFAULTS.put("client-ca-file", "");
    DEFAULTS.put("requestheader-client-ca-file", "");
    DEFAULTS.put("requestheader-allowed-names", "");
    DEFAULTS.put("kubeconfig", "");
    DEFAULTS.put("in-cluster", "false");
    DEFAULTS.put("datastore", "default");
    DEFAULTS.put("handler-threads", "64");
    ControllerOptions c = ControllerOptions.defaults();
    DEFAULTS.put("controllers", "auto");
    DEFAULTS.put("max-concurrent-tcp-reconciles", Integer.toString(c.workers()));
    DEFAULTS.put("controller-reconcile-timeout", c.reconcileTimeout().toSeconds() + "s");
    DEFAULTS.put("kine-image", c.kineImage());
    DEFAULTS.put("konnectivity-image", c.konnectivityImage());
    DEFAULTS.put(
        "certificate-expiration-deadline", c.certificateExpirationDeadline().toHours() + "h");
    DEFAULTS.put("key-algorithm", c.keyAlgorithm());
    // internal in-cluster, external otherwise (Service names do not resolve outside).
    DEFAULTS.put("tenant-endpoint", "auto");
    // Comma-separated CIDRs the tenant-side phase may dial; empty: any.
    DEFAULTS.put("tenant-networks", "");
    DEFAULTS.put("tenant-resync-period", c.tenantResyncPeriod().toMinutes() + "m");
    DEFAULTS.put("tenant-webhook-url", c.webhookServerUrl());
    DEFAULTS.put("webhook-ca-path", c.webhookCaPath());
    // Kamaji's flags for migration Jobs, with its environment defaults.
    DEFAULTS.put("migrate-image", c.migration().image());
    DEFAULTS.put(
        "pod-namespace", System.getenv().getOrDefault("POD_NAMESPACE", c.migration().namespace()));
    DEFAULTS.put(
        "serviceaccount-name",
        System.getenv().getOrDefault("SERVICE_ACCOUNT", c.migration().serviceAccount()));
    // kube-controller-manager's names and defaults.
    DEFAULTS.put("leader-elect", "true");
    DEFAULTS.put("leader-election-namespace", "kamaji-system");
    DEFAULTS.put("leader-election-id", "kamaji-controllers");
    DEFAULTS.put("leader-elect-lease-duration", "15s");
    DEFAULTS.put("leader-elect-renew-deadline", "10s");
    DEFAULTS.put("leader-elect-retry-period", "2s");
  }

  public static ServerOptions parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        problems.add("unexpected argument " + arg);
        continue;
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        name = arg.substring(2);
        value = args[++i];
      } else {
        problems.add("flag " + arg + " needs a value");
        continue;
      }
      if (!DEFAULTS.containsKey(name)) {
        problems.add("unknown flag --" + name);
        continue;
      }
      values.put(name, value);
    }
    int port = parsePort(values.get("secure-port"), problems);
    int threads = parseInt(values.get("handler-threads"), "handler-threads", problems);
    String controllers = values.get("controllers");
    if (!List.of("auto", "true", "false").contains(controllers)) {
      problems.add("--controllers must be auto, true or false");
    }
    ControllerOptions controllerOptions = null;
    try {
      controllerOptions =
          new ControllerOptions(
              parseInt(
                  values.get("max-concurrent-tcp-reconciles"),
                  "max-concurrent-tcp-reconciles",
                  problems),
              parseDuration(
                  values.get("controller-reconcile-timeout"),
                  "controller-reconcile-timeout",
                  problems),
              values.get("datastore"),
              values.get("kine-image"),
              values.get("konnectivity-image"),
              parseDuration(
                  values.get("certificate-expiration-deadline"),
                  "certificate-expiration-deadline",
                  problems),
              values.get("key-algorithm"),
              tenantEndpoint(
                  values.get("tenant-endpoint"), Boolean.parseBoolean(values.get("in-cluster"))),
              TenantNetworks.parse(values.get("tenant-networks")),
              parseDuration(values.get("tenant-resync-period"), "tenant-resync-period", problems),
              values.get("tenant-webhook-url"),
              values.get("webhook-ca-path"),
              new ControllerOptions.Migration(
                  values.get("migrate-image"),
                  values.get("pod-namespace"),
                  values.get("serviceaccount-name")));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String leaderElect = values.get("leader-elect");
    if (!List.of("true", "false").contains(leaderElect)) {
      problems.add("--leader-elect must be true or false");
    }
    LeaderElectionOptions leaderElection =
        new LeaderElectionOptions(
            Boolean.parseBoolean(leaderElect),
            values.get("leader-election-namespace"),
            values.get("leader-election-id"),
            parseDuration(
                values.get("leader-elect-lease-duration"), "leader-elect-lease-duration", problems),
            parseDuration(
                values.get("leader-elect-renew-deadline"), "leader-elect-renew-deadline", problems),
            parseDuration(
                values.get("leader-elect-retry-period"), "leader-elect-retry-period", problems));
    if (!LeaderElectedControllers.Election.durationsNest(
        leaderElection.leaseDuration(),
        leaderElection.renewDeadline(),
        leaderElection.retryPeriod())) {
      problems.add(
          "--leader-elect-retry-period < --leader-elect-renew-deadline"
              + " < --leader-elect-lease-duration must hold");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new ServerOptions(
        values.get("bind-address"),
        port,
        Arrays.asList(values.get("etcd-servers").split(",")),
        values.get("etcd-prefix"),
        path(values.get("etcd-cafile")),
        path(values.get("etcd-certfile")),
        path(values.get("etcd-keyfile")),
        path(values.get("tls-cert-file")),
        path(values.get("tls-private-key-file")),
        Path.of(values.get("cert-dir")),
        path(values.get("client-ca-file")),
        path(values.get("requestheader-client-ca-file")),
        values.get("requestheader-allowed-names").isEmpty()
            ? Optional.empty()
            : Optional.of(List.of(values.get("requestheader-allowed-names").split(","))),
        path(values.get("kubeconfig")),
        Boolean.parseBoolean(values.get("in-cluster")),
        values.get("datastore"),
        threads,
        controllers,
        controllerOptions,
        leaderElection);
  }

  static ControllerOptions.TenantEndpoint tenantEndpoint(String value, boolean inCluster) {
    return switch (value) {
      case "auto" ->
          inCluster
              ? ControllerOptions.TenantEndpoint.INTERNAL
              : ControllerOptions.TenantEndpoint.EXTERNAL;
      case "internal" -> ControllerOptions.TenantEndpoint.INTERNAL;
      case "external" -> ControllerOptions.TenantEndpoint.EXTERNAL;
      default ->
          throw new IllegalArgumentException(
              "--tenant-endpoint must be auto, internal or external");
    };
  }

  /** Go-style durations as Kamaji's flags take them: 500ms, 30s, 5m, 24h. */
  static Duration parseDuration(String value, String flag, List<String> problems) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
    if (!m.matches()) {
      problems.add("--" + flag + " must be a duration such as 30s, 5m or 24h");
      return Duration.ofSeconds(1);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static Optional<Path> path(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
  }

  private static int parsePort(String value, List<String> problems) {
    int port = parseInt(value, "secure-port", problems);
    if (port < 0 || port > 65535) {
      problems.add("--secure-port must be between 0 and 65535");
    }
    return port;
  }

  private static int parseInt(String value, String flag, List<String> problems) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      problems.add("--" + flag + " must be a number");
      return 0;
    }
  }
}
