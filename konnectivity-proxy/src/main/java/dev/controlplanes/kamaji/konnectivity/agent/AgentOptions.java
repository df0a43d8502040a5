package dev.controlplanes.kamaji.konnectivity.agent;

import dev.controlplanes.kamaji.konnectivity.flags.FlagSet;
import dev.controlplanes.kamaji.konnectivity.leases.LeaseLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The agent's configuration, from the upstream proxy-agent's flag names and defaults. Profiling
 * flags are accepted and ignored (see the module README).
 */
public record AgentOptions(
    String proxyServerHost,
    int proxyServerPort,
    String caCert,
    String agentCert,
    String agentKey,
    List<String> alpnProtos,
    String serviceAccountTokenPath,
    String agentId,
    String agentIdentifiers,
    String healthServerHost,
    int healthServerPort,
    String adminBindAddress,
    int adminServerPort,
    Duration syncInterval,
    Duration syncIntervalCap,
    Duration probeInterval,
    boolean syncForever,
    Duration keepaliveTime,
    boolean countServerLeases,
    String leaseNamespace,
    String leaseLabel,
    String serverCountSource,
    String kubeconfig) {

  public static FlagSet flags() {
    return new FlagSet()
        .string("proxy-server-host", "127.0.0.1")
        .string("proxy-server-port", "8091")
        .string("ca-cert", "")
        .string("agent-cert", "")
        .string("agent-key", "")
        .string("alpn-proto", "")
        .string("service-account-token-path", "")
        .string("agent-id", "")
        .string("agent-identifiers", "")
        .string("health-server-host", "")
        .string("health-server-port", "8093")
        .string("admin-bind-address", "127.0.0.1")
        .string("admin-server-port", "8094")
        .string("sync-interval", "1s")
        .string("sync-interval-cap", "10s")
        .string("probe-interval", "1s")
        .bool("sync-forever", false)
        .string("keepalive-time", "1h")
        .string("xfr-channel-size", "150")
        .bool("warn-on-channel-limit", false)
        .bool("enable-profiling", false)
        .bool("enable-contention-profiling", false)
        .bool("count-server-leases", false)
        .string("lease-namespace", "kube-system")
        .string("lease-label", "k8s-app=konnectivity-server")
        .string("server-count-source", "default")
        .string("kubeconfig", "")
        .string("kube-api-content-type", "application/vnd.kubernetes.protobuf");
  }

  public static AgentOptions parse(List<String> args) {
    FlagSet f = flags().parse(args);
    String agentId = f.get("agent-id");
    if (agentId.isEmpty()) {
      String env = System.getenv("PROXY_AGENT_ID");
      agentId = env != null && !env.isEmpty() ? env : UUID.randomUUID().toString();
    }
    List<String> alpn = new ArrayList<>();
    for (String p : f.get("alpn-proto").split(",")) {
      if (!p.isBlank()) {
        alpn.add(p.strip());
      }
    }
    String identifiers = f.get("agent-identifiers");
    validateIdentifiers(identifiers);
    if (f.get("agent-cert").isEmpty() != f.get("agent-key").isEmpty()) {
      throw new IllegalArgumentException("--agent-cert and --agent-key go together");
    }
    if (f.getBool("count-server-leases")) {
      LeaseLabels.parse(f.get("lease-label"));
    }
    String serverCountSource = f.get("server-count-source");
    if (!List.of("", "default", "max").contains(serverCountSource)) {
      throw new IllegalArgumentException(
          "--server-count-source must be one of '', 'default', 'max', got " + serverCountSource);
    }
    return new AgentOptions(
        f.get("proxy-server-host"),
        f.getInt("proxy-server-port"),
        f.get("ca-cert"),
        f.get("agent-cert"),
        f.get("agent-key"),
        List.copyOf(alpn),
        f.get("service-account-token-path"),
        agentId,
        identifiers,
        f.get("health-server-host"),
        f.getInt("health-server-port"),
        f.get("admin-bind-address"),
        f.getInt("admin-server-port"),
        f.getDuration("sync-interval"),
        f.getDuration("sync-interval-cap"),
        f.getDuration("probe-interval"),
        f.getBool("sync-forever"),
        f.getDuration("keepalive-time"),
        f.getBool("count-server-leases"),
        f.get("lease-namespace"),
        f.get("lease-label"),
        serverCountSource,
        f.get("kubeconfig"));
  }

  public LeaseLabels leaseLabels() {
    return LeaseLabels.parse(leaseLabel);
  }

  /** The upstream agent rejects identifier types it does not know. */
  private static void validateIdentifiers(String identifiers) {
    for (String pair : identifiers.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!List.of("ipv4", "ipv6", "host", "cidr", "default-route").contains(key)) {
        throw new IllegalArgumentException("unknown agent identifier type " + key);
      }
    }
  }
}
