package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ConfigMap {@code <tcp>-kubeadmconfig} (§3.2 item 4): kubeadm's statically defaulted init
 * configuration with the tenant's values, as {@code kubeadm.k8s.io/v1beta4} JSON documents under
 * the keys {@code InitConfiguration} and {@code ClusterConfiguration}. It is the source of truth
 * for certificates and kubeconfigs.
 */
public final class KubeadmConfig {

  public static final String COMPONENT = "kubeadmconfig";
  public static final String INIT_CONFIGURATION_KEY = "InitConfiguration";
  public static final String CLUSTER_CONFIGURATION_KEY = "ClusterConfiguration";
  public static final String API_VERSION = "kubeadm.k8s.io/v1beta4";

  /** kine listens on this address inside the pod as far as kubeadm is concerned. */
  static final String KINE_ETCD_ENDPOINT = "127.0.0.1:2379";

  private static final Gson GSON = new Gson();

  private KubeadmConfig() {}

  /**
   * @throws IllegalStateException if {@code facts.address()} is not known yet (Kamaji waits for the
   *     Service to be exposed before writing this ConfigMap)
   */
  public static V1ConfigMap build(TenantControlPlane tcp, ResolvedFacts facts) {
    SortedMap<String, String> data = new TreeMap<>();
    data.put(INIT_CONFIGURATION_KEY, GSON.toJson(initConfiguration(tcp, facts)));
    data.put(CLUSTER_CONFIGURATION_KEY, GSON.toJson(clusterConfiguration(tcp, facts)));
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(Labels.CHECKSUM_ANNOTATION, Checksums.ofConfigMapData(data));
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(
            Owners.metadata(
                tcp,
                Names.kubeadmConfig(tcp),
                Labels.kamaji(tcp.getMetadata().getName(), COMPONENT),
                annotations))
        .data(data);
  }

  static JsonObject initConfiguration(TenantControlPlane tcp, ResolvedFacts facts) {
    JsonObject token = new JsonObject();
    // kubeadm's placeholder token, fixed so the static configuration does not change per run.
    token.addProperty("token", "abcdef.0123456789abcdef");
    token.addProperty("ttl", "24h0m0s");
    token.add("usages", strings(List.of("signing", "authentication")));
    token.add("groups", strings(List.of("system:bootstrappers:kubeadm:default-node-token")));
    JsonArray tokens = new JsonArray();
    tokens.add(token);

    JsonObject nodeRegistration = new JsonObject();
    nodeRegistration.addProperty("name", "node");
    nodeRegistration.addProperty("criSocket", "unix:///var/run/containerd/containerd.sock");
    nodeRegistration.addProperty("imagePullPolicy", "IfNotPresent");
    nodeRegistration.addProperty("imagePullSerial", true);

    JsonObject localApiEndpoint = new JsonObject();
    localApiEndpoint.addProperty("advertiseAddress", requireAddress(facts));
    localApiEndpoint.addProperty("bindPort", SpecDefaults.port(tcp));

    JsonObject timeouts = new JsonObject();
    timeouts.addProperty("controlPlaneComponentHealthCheck", "4m0s");
    timeouts.addProperty("kubeletHealthCheck", "4m0s");
    timeouts.addProperty("kubernetesAPICall", "1m0s");
    timeouts.addProperty("etcdAPICall", "2m0s");
    timeouts.addProperty("tlsBootstrap", "5m0s");
    timeouts.addProperty("discovery", "5m0s");
    timeouts.addProperty("upgradeManifests", "5m0s");

    JsonObject init = typed("InitConfiguration");
    init.add("bootstrapTokens", tokens);
    init.add("nodeRegistration", nodeRegistration);
    init.add("localAPIEndpoint", localApiEndpoint);
    init.add("timeouts", timeouts);
    return init;
  }

  static JsonObject clusterConfiguration(TenantControlPlane tcp, ResolvedFacts facts) {
    String name = tcp.getMetadata().getName();
    String namespace = tcp.getMetadata().getNamespace();
    String address = requireAddress(facts);

    List<String> endpoints =
        facts.dataStore().usesKine() ? List.of(KINE_ETCD_ENDPOINT) : facts.dataStore().endpoints();
    // Kamaji passes the DataStore endpoints as written (host:port), so these stay empty unless an
    // endpoint is spelled with https://; kept for parity.
    boolean https = !endpoints.isEmpty() && endpoints.get(0).startsWith("https");
    JsonObject external = new JsonObject();
    external.add("endpoints", strings(endpoints));
    external.addProperty("caFile", https ? ContainerPaths.pki("etcd/ca.crt") : "");
    external.addProperty("certFile", https ? ContainerPaths.pki("apiserver-etcd-client.crt") : "");
    external.addProperty("keyFile", https ? ContainerPaths.pki("apiserver-etcd-client.key") : "");
    JsonObject etcd = new JsonObject();
    etcd.add("external", external);

    JsonObject networking = new JsonObject();
    networking.addProperty("serviceSubnet", String.join(",", SpecDefaults.serviceCidrs(tcp)));
    networking.addProperty("podSubnet", String.join(",", SpecDefaults.podCidrs(tcp)));
    networking.addProperty("dnsDomain", SpecDefaults.clusterDomain(tcp));

    List<String> sans = new ArrayList<>();
    sans.add("127.0.0.1");
    sans.add("localhost");
    sans.add(name);
    sans.add(name + "." + namespace + ".svc");
    sans.add(name + "." + namespace + ".svc.cluster.local");
    sans.add(address);
    List<String> userSans = SpecDefaults.network(tcp).getCertSANs();
    if (userSans != null) {
      sans.addAll(userSans);
    }
    String advertised = advertisedAddress(tcp, address);
    if (!advertised.equals(address)) {
      sans.add(advertised);
    }
    JsonObject apiServer = new JsonObject();
    JsonArray extraArgs = new JsonArray();
    extraArgs.add(arg("etcd-compaction-interval", "0s"));
    extraArgs.add(arg("etcd-prefix", "/" + name));
    apiServer.add("extraArgs", extraArgs);
    apiServer.add("certSANs", strings(sans));

    JsonObject cluster = typed("ClusterConfiguration");
    cluster.add("etcd", etcd);
    cluster.add("networking", networking);
    cluster.addProperty("kubernetesVersion", SpecDefaults.version(tcp));
    cluster.addProperty("controlPlaneEndpoint", controlPlaneEndpoint(tcp, address));
    cluster.add("apiServer", apiServer);
    cluster.add("controllerManager", new JsonObject());
    cluster.add("scheduler", new JsonObject());
    cluster.add("dns", new JsonObject());
    cluster.add("proxy", new JsonObject());
    cluster.addProperty("certificatesDir", ContainerPaths.PKI_DIR);
    cluster.addProperty("imageRepository", SpecDefaults.REGISTRY);
    cluster.addProperty("clusterName", name);
    cluster.addProperty("encryptionAlgorithm", "RSA-2048");
    cluster.addProperty("certificateValidityPeriod", "8760h0m0s");
    cluster.addProperty("caCertificateValidityPeriod", "87600h0m0s");
    return cluster;
  }

  /**
   * The endpoint tenants use: the advertised address and port, replaced by the gateway hostname,
   * and then by the ingress hostname ({@code host[:port]}, the port defaulting to the API port).
   */
  public static String controlPlaneEndpoint(TenantControlPlane tcp, String address) {
    int port = SpecDefaults.port(tcp);
    String endpoint = joinHostPort(advertisedAddress(tcp, address), port);
    ControlPlaneSpec cp = SpecDefaults.controlPlane(tcp);
    if (cp.getGateway() != null && notEmpty(cp.getGateway().getHostname())) {
      endpoint = hostnameEndpoint(cp.getGateway().getHostname(), port);
    }
    if (cp.getIngress() != null && notEmpty(cp.getIngress().getHostname())) {
      endpoint = hostnameEndpoint(cp.getIngress().getHostname(), port);
    }
    return endpoint;
  }

  /** {@code networkProfile.advertiseAddress} when set, else the control-plane address. */
  public static String advertisedAddress(TenantControlPlane tcp, String address) {
    return SpecDefaults.nonEmptyOr(SpecDefaults.network(tcp).getAdvertiseAddress(), address);
  }

  /** Kamaji's GetControlPlaneAddressAndPortFromHostname: {@code host[:port]}. */
  static String hostnameEndpoint(String hostname, int defaultPort) {
    String[] parts = hostname.split(":", -1);
    int port = defaultPort;
    if (parts.length == 2) {
      try {
        int parsed = Integer.parseInt(parts[1]);
        if (parsed > 0) {
          port = parsed;
        }
      } catch (NumberFormatException ignored) {
        // Kamaji ignores an unparsable port and keeps the default
      }
    }
    return joinHostPort(parts[0], port);
  }

  /** Go's net.JoinHostPort: IPv6 literals get brackets. */
  static String joinHostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String requireAddress(ResolvedFacts facts) {
    if (facts.address() == null || facts.address().isEmpty()) {
      throw new IllegalStateException("the control-plane address is not known yet");
    }
    return facts.address();
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static JsonObject typed(String kind) {
    JsonObject o = new JsonObject();
    o.addProperty("apiVersion", API_VERSION);
    o.addProperty("kind", kind);
    return o;
  }

  private static JsonObject arg(String name, String value) {
    JsonObject a = new JsonObject();
    a.addProperty("name", name);
    a.addProperty("value", value);
    return a;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
