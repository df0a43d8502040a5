package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.flags.FlagSet;
import dev.controlplanes.kamaji.konnectivity.leases.LeaseLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The server's configuration, from the upstream proxy-server's flag names and defaults. Flags that
 * are accepted for compatibility but have no effect here are listed in the module README.
 *
 * <p>One deliberate extension: port 0 on the agent, health and admin ports means "any free port"
 * (upstream rejects it), which tests use; {@code --server-port=0} keeps its upstream meaning of "no
 * TCP frontend".
 */
public record ServerOptions(
    String mode,
    String udsName,
    boolean deleteExistingUdsFile,
    int serverPort,
    String serverBindAddress,
    String serverCert,
    String serverKey,
    String serverCaCert,
    int agentPort,
    String agentBindAddress,
    String clusterCert,
    String clusterKey,
    String clusterCaCert,
    int adminPort,
    String adminBindAddress,
    int healthPort,
    String healthBindAddress,
    Duration keepaliveTime,
    Duration frontendKeepaliveTime,
    String serverId,
    int serverCount,
    String agentNamespace,
    String agentServiceAccount,
    String authenticationAudience,
    String kubeconfig,
    List<String> proxyStrategies,
    Duration backendDialTimeout,
    Duration gracefulShutdownTimeout,
    long frontendQueueBytes,
    Duration frontendStallTimeout,
    boolean enableLeaseController,
    String leaseNamespace,
    String leaseLabel,
    TlsPolicy tlsPolicy) {

  /** Per-connection bytes buffered for a slow frontend before the agent stream is paused. */
  public static final long DEFAULT_FRONTEND_QUEUE_BYTES = 4L << 20;

  /** How long one slow frontend may pause its agent stream before its connection is closed. */
  public static final Duration DEFAULT_FRONTEND_STALL_TIMEOUT = Duration.ofSeconds(10);

  public static FlagSet flags() {
    return new FlagSet()
        .string("mode", "grpc")
        .string("uds-name", "")
        .bool("delete-existing-uds-file", true)
        .string("server-port", "8090")
        .string("server-bind-address", "")
        .string("server-cert", "")
        .string("server-key", "")
        .string("server-ca-cert", "")
        .string("agent-port", "8091")
        .string("agent-bind-address", "")
        .string("cluster-cert", "")
        .string("cluster-key", "")
        .string("cluster-ca-cert", "")
        .string("admin-port", "8095")
        .string("admin-bind-address", "127.0.0.1")
        .string("health-port", "8092")
        .string("health-bind-address", "")
        .string("keepalive-time", "1h")
        .string("frontend-keepalive-time", "1h")
        .string("server-id", "")
        .string("server-count", "1")
        .string("agent-namespace", "")
        .string("agent-service-account", "")
        .string("authentication-audience", "")
        .string("kubeconfig", "")
        .string("kubeconfig-qps", "0")
        .string("kubeconfig-burst", "0")
        .string("kube-api-content-type", "application/vnd.kubernetes.protobuf")
        .string("proxy-strategies", "default")
        .string("xfr-channel-size", "10")
        .string("cipher-suites", "")
        .string("tls-min-version", "VersionTLS12")
        .bool("enable-lease-controller", false)
        .string("lease-namespace", "kube-system")
        .string("lease-label", "k8s-app=konnectivity-server")
        .string("graceful-shutdown-timeout", "0")
        .string("backend-dial-timeout", "0")
        .bool("enable-profiling", false)
        .bool("enable-contention-profiling", false)
        .bool("warn-on-channel-limit", false)
        .string("frontend-queue-bytes", Long.toString(DEFAULT_FRONTEND_QUEUE_BYTES))
        .string("frontend-stall-timeout", "10s");
  }

  /** Parses and validates a command line the way the upstream server would. */
  public static ServerOptions parse(List<String> args) {
    FlagSet f = flags().parse(args);
    String serverId = f.get("server-id");
    if (serverId.isEmpty()) {
      String env = System.getenv("PROXY_SERVER_ID");
      serverId = env != null && !env.isEmpty() ? env : UUID.randomUUID().toString();
    }
    List<String> strategies = list(f.get("proxy-strategies"));
    ServerOptions o =
        new ServerOptions(
            f.get("mode"),
            f.get("uds-name"),
            f.getBool("delete-existing-uds-file"),
            f.getInt("server-port"),
            f.get("server-bind-address"),
            f.get("server-cert"),
            f.get("server-key"),
            f.get("server-ca-cert"),
            f.getInt("agent-port"),
            f.get("agent-bind-address"),
            f.get("cluster-cert"),
            f.get("cluster-key"),
            f.get("cluster-ca-cert"),
            f.getInt("admin-port"),
            f.get("admin-bind-address"),
            f.getInt("health-port"),
            f.get("health-bind-address"),
            f.getDuration("keepalive-time"),
            f.getDuration("frontend-keepalive-time"),
            serverId,
            f.getInt("server-count"),
            f.get("agent-namespace"),
            f.get("agent-service-account"),
            f.get("authentication-audience"),
            f.get("kubeconfig"),
            strategies,
            f.getDuration("backend-dial-timeout"),
            f.getDuration("graceful-shutdown-timeout"),
            Long.parseLong(f.get("frontend-queue-bytes")),
            f.getDuration("frontend-stall-timeout"),
            f.getBool("enable-lease-controller"),
            f.get("lease-namespace"),
            f.get("lease-label"),
            TlsPolicy.of(list(f.get("cipher-suites")), f.get("tls-min-version")));
    o.validate();
    return o;
  }

  /** A comma-separated flag value as a list, blanks dropped (pflag's string slices). */
  private static List<String> list(String flag) {
    List<String> values = new ArrayList<>();
    for (String v : flag.split(",")) {
      if (!v.isBlank()) {
        values.add(v.strip());
      }
    }
    return List.copyOf(values);
  }

  public boolean tokenAuthentication() {
    return !agentNamespace.isEmpty();
  }

  /** TokenReviews and the lease controller talk to the cluster of {@code --kubeconfig}. */
  public boolean needsKubernetesClient() {
    return tokenAuthentication() || enableLeaseController;
  }

  public LeaseLabels leaseLabels() {
    return LeaseLabels.parse(leaseLabel);
  }

  private void validate() {
    if (!mode.equals("grpc") && !mode.equals("http-connect")) {
      throw new IllegalArgumentException("mode must be grpc or http-connect, got " + mode);
    }
    if (!udsName.isEmpty()) {
      if (serverPort != 0) {
        throw new IllegalArgumentException("--uds-name requires --server-port=0");
      }
      if (!serverCert.isEmpty() || !serverKey.isEmpty() || !serverCaCert.isEmpty()) {
        throw new IllegalArgumentException("--uds-name cannot be used with server TLS flags");
      }
    } else if (serverPort != 0
        && (serverCert.isEmpty() || serverKey.isEmpty() || serverCaCert.isEmpty())) {
      throw new IllegalArgumentException(
          "a TCP frontend needs --server-cert, --server-key and --server-ca-cert");
    }
    if (clusterCert.isEmpty() || clusterKey.isEmpty()) {
      throw new IllegalArgumentException("--cluster-cert and --cluster-key are required");
    }
    if (tokenAuthentication()) {
      if (agentServiceAccount.isEmpty() || authenticationAudience.isEmpty()) {
        throw new IllegalArgumentException(
            "--agent-namespace needs --agent-service-account and --authentication-audience");
      }
      if (!clusterCaCert.isEmpty()) {
        throw new IllegalArgumentException(
            "--cluster-ca-cert (client certificates) and token authentication are exclusive");
      }
    }
    for (String s : proxyStrategies) {
      if (!List.of("default", "destHost", "defaultRoute").contains(s)) {
        throw new IllegalArgumentException("unknown proxy strategy " + s);
      }
    }
    if (proxyStrategies.isEmpty()) {
      throw new IllegalArgumentException("--proxy-strategies must not be empty");
    }
    if (enableLeaseController) {
      leaseLabels();
    }
    if (serverCount < 1) {
      throw new IllegalArgumentException("--server-count must be at least 1");
    }
  }
}
