package dev.controlplanes.kamaji.apiserver.options;

import java.nio.file.Path;
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
    int handlerThreads) {

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
        threads);
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
