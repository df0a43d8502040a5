package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalMetadata;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneSpec;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityAgentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityServerSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.NetworkProfileSpec;
import dev.controlplanes.kamaji.api.v1alpha1.RegistrySettings;
import dev.controlplanes.kamaji.api.v1alpha1.ServiceSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneSpec;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the spec with the schema's defaults (§1.2) filled in for absent fields. The API server
 * defaults objects on write; reading through here keeps the builders correct for objects that were
 * never defaulted (tests, older stored objects).
 */
public final class SpecDefaults {

  public static final String REGISTRY = "registry.k8s.io";
  public static final String API_SERVER_IMAGE = "kube-apiserver";
  public static final String CONTROLLER_MANAGER_IMAGE = "kube-controller-manager";
  public static final String SCHEDULER_IMAGE = "kube-scheduler";
  public static final int PORT = 6443;
  public static final int REPLICAS = 2;
  public static final String CLUSTER_DOMAIN = "cluster.local";
  public static final String SERVICE_CIDR = "10.96.0.0/16";
  public static final String POD_CIDR = "10.244.0.0/16";
  public static final String SERVICE_ACCOUNT = "default";
  public static final String KONNECTIVITY_SERVER_IMAGE =
      "registry.k8s.io/kas-network-proxy/proxy-server";
  public static final int KONNECTIVITY_SERVER_PORT = 8132;
  public static final String KONNECTIVITY_AGENT_IMAGE =
      "registry.k8s.io/kas-network-proxy/proxy-agent";
  public static final List<String> PREFERRED_ADDRESS_TYPES =
      List.of("InternalIP", "ExternalIP", "Hostname");
  public static final List<String> ADMISSION_CONTROLLERS =
      List.of(
          "CertificateApproval",
          "CertificateSigning",
          "CertificateSubjectRestriction",
          "DefaultIngressClass",
          "DefaultStorageClass",
          "DefaultTolerationSeconds",
          "LimitRanger",
          "MutatingAdmissionWebhook",
          "NamespaceLifecycle",
          "PersistentVolumeClaimResize",
          "Priority",
          "ResourceQuota",
          "RuntimeClass",
          "ServiceAccount",
          "StorageObjectInUseProtection",
          "TaintNodesByCondition",
          "ValidatingAdmissionWebhook");

  private SpecDefaults() {}

  public static TenantControlPlaneSpec spec(TenantControlPlane tcp) {
    return orEmpty(tcp.getSpec(), TenantControlPlaneSpec::new);
  }

  public static ControlPlaneSpec controlPlane(TenantControlPlane tcp) {
    return orEmpty(spec(tcp).getControlPlane(), ControlPlaneSpec::new);
  }

  public static DeploymentSpec deployment(TenantControlPlane tcp) {
    return orEmpty(controlPlane(tcp).getDeployment(), DeploymentSpec::new);
  }

  public static ServiceSpec service(TenantControlPlane tcp) {
    return orEmpty(controlPlane(tcp).getService(), ServiceSpec::new);
  }

  public static NetworkProfileSpec network(TenantControlPlane tcp) {
    return orEmpty(spec(tcp).getNetworkProfile(), NetworkProfileSpec::new);
  }

  public static AdditionalMetadata metadata(AdditionalMetadata m) {
    return orEmpty(m, AdditionalMetadata::new);
  }

  public static String version(TenantControlPlane tcp) {
    return spec(tcp).getKubernetes() == null ? null : spec(tcp).getKubernetes().getVersion();
  }

  public static int port(TenantControlPlane tcp) {
    return Objects.requireNonNullElse(network(tcp).getPort(), PORT);
  }

  public static int replicas(TenantControlPlane tcp) {
    return Objects.requireNonNullElse(deployment(tcp).getReplicas(), REPLICAS);
  }

  public static String clusterDomain(TenantControlPlane tcp) {
    return nonEmptyOr(network(tcp).getClusterDomain(), CLUSTER_DOMAIN);
  }

  /** Kamaji's GetEffectiveCIDRs: the list wins (deduplicated, sorted), else the old field. */
  public static List<String> serviceCidrs(TenantControlPlane tcp) {
    NetworkProfileSpec n = network(tcp);
    return effectiveCidrs(n.getServiceCidr(), n.getServiceCidrs(), SERVICE_CIDR);
  }

  public static List<String> podCidrs(TenantControlPlane tcp) {
    NetworkProfileSpec n = network(tcp);
    return effectiveCidrs(n.getPodCidr(), n.getPodCidrs(), POD_CIDR);
  }

  public static List<String> admissionControllers(TenantControlPlane tcp) {
    List<String> list =
        spec(tcp).getKubernetes() == null
            ? null
            : spec(tcp).getKubernetes().getAdmissionControllers();
    return list == null ? ADMISSION_CONTROLLERS : list;
  }

  public static List<String> preferredAddressTypes(TenantControlPlane tcp) {
    var kubernetes = spec(tcp).getKubernetes();
    List<String> list =
        kubernetes == null || kubernetes.getKubelet() == null
            ? null
            : kubernetes.getKubelet().getPreferredAddressTypes();
    return list == null || list.isEmpty() ? PREFERRED_ADDRESS_TYPES : list;
  }

  /** {@code <registry>/<image>:<version><tagSuffix>}, with the default registry and names. */
  public static String image(TenantControlPlane tcp, Function<RegistrySettings, String> name) {
    RegistrySettings r = orEmpty(deployment(tcp).getRegistrySettings(), RegistrySettings::new);
    String registry = nonEmptyOr(r.getRegistry(), REGISTRY);
    String suffix = r.getTagSuffix() == null ? "" : r.getTagSuffix();
    return registry + "/" + name.apply(r) + ":" + version(tcp) + suffix;
  }

  public static String apiServerImage(RegistrySettings r) {
    return nonEmptyOr(r.getApiServerImage(), API_SERVER_IMAGE);
  }

  public static String controllerManagerImage(RegistrySettings r) {
    return nonEmptyOr(r.getControllerManagerImage(), CONTROLLER_MANAGER_IMAGE);
  }

  public static String schedulerImage(RegistrySettings r) {
    return nonEmptyOr(r.getSchedulerImage(), SCHEDULER_IMAGE);
  }

  /** The konnectivity addon, or null when it is not enabled. */
  /** Whether {@code spec.writePermissions} blocks any operation (Kamaji's HasAnyLimitation). */
  public static boolean writeLimited(TenantControlPlane tcp) {
    dev.controlplanes.kamaji.api.v1alpha1.WritePermissions w = spec(tcp).getWritePermissions();
    return w != null
        && (Boolean.TRUE.equals(w.getBlockCreation())
            || Boolean.TRUE.equals(w.getBlockUpdate())
            || Boolean.TRUE.equals(w.getBlockDeletion()));
  }

  public static KonnectivitySpec konnectivity(TenantControlPlane tcp) {
    return spec(tcp).getAddons() == null ? null : spec(tcp).getAddons().getKonnectivity();
  }

  public static KonnectivityServerSpec konnectivityServer(KonnectivitySpec k) {
    return orEmpty(k.getServer(), KonnectivityServerSpec::new);
  }

  public static KonnectivityAgentSpec konnectivityAgent(KonnectivitySpec k) {
    return orEmpty(k.getAgent(), KonnectivityAgentSpec::new);
  }

  public static int konnectivityPort(KonnectivitySpec k) {
    return Objects.requireNonNullElse(konnectivityServer(k).getPort(), KONNECTIVITY_SERVER_PORT);
  }

  /** The server image with its tag: the addon's version, else {@code v0.<tcp minor>.0}. */
  public static String konnectivityServerImage(TenantControlPlane tcp, KonnectivitySpec k) {
    KonnectivityServerSpec s = konnectivityServer(k);
    return konnectivityImage(tcp, s.getImage(), KONNECTIVITY_SERVER_IMAGE, s.getVersion());
  }

  /** The agent image with its tag: the agent's version, else {@code v0.<tcp minor>.0}. */
  public static String konnectivityAgentImage(TenantControlPlane tcp, KonnectivitySpec k) {
    KonnectivityAgentSpec a = konnectivityAgent(k);
    return konnectivityImage(tcp, a.getImage(), KONNECTIVITY_AGENT_IMAGE, a.getVersion());
  }

  private static String konnectivityImage(
      TenantControlPlane tcp, String image, String defaultImage, String version) {
    String tag =
        version == null || version.isEmpty() ? "v0." + minor(version(tcp)) + ".0" : version;
    return nonEmptyOr(image, defaultImage) + ":" + tag;
  }

  static String nonEmptyOr(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  static <T> T orEmpty(T value, java.util.function.Supplier<T> empty) {
    return value == null ? empty.get() : value;
  }

  private static List<String> effectiveCidrs(String old, List<String> current, String fallback) {
    if (current != null && !current.isEmpty()) {
      return List.copyOf(new TreeSet<>(current));
    }
    return List.of(nonEmptyOr(old, fallback));
  }

  /** The minor of a version like {@code v1.35.7} (tolerant, like semver.ParseTolerant). */
  private static int minor(String version) {
    String[] parts = version == null ? new String[0] : version.replaceFirst("^v", "").split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a Kubernetes version: " + version);
    }
    return Integer.parseInt(parts[1].replaceAll("[^0-9].*$", ""));
  }
}
