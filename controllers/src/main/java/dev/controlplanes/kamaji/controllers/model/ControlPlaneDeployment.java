package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.AdditionalMetadata;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStrategy;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1RollingUpdateDeployment;
import io.kubernetes.client.openapi.models.V1TopologySpreadConstraint;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Deployment {@code <tcp>} running the control plane (§3.3): the user's containers, then
 * kube-apiserver, kube-scheduler, kube-controller-manager, kine (SQL and NATS drivers) and
 * konnectivity-server (konnectivity addon).
 *
 * <p>Kamaji patches a live Deployment in place; this builds the whole desired object from scratch
 * in the order Kamaji converges to. Server-side defaults (terminationMessagePath, dnsPolicy, ...)
 * are not filled in.
 */
public final class ControlPlaneDeployment {

  public static final String COMPONENT = "deployment";

  /** Pod-template label suffixes ({@code component.kamaji.clastix.io/<suffix>}). */
  public static final String HASH_API_SERVER_CERTIFICATE = "api-server-certificate";

  public static final String HASH_API_SERVER_KUBELET_CLIENT_CERTIFICATE =
      "api-server-kubelet-client-certificate";
  public static final String HASH_CA = "ca";
  public static final String HASH_CONTROLLER_MANAGER_KUBECONFIG = "controller-manager-kubeconfig";
  public static final String HASH_FRONT_PROXY_CA_CERTIFICATE = "front-proxy-ca-certificate";
  public static final String HASH_FRONT_PROXY_CLIENT_CERTIFICATE = "front-proxy-client-certificate";
  public static final String HASH_SERVICE_ACCOUNT = "service-account";
  public static final String HASH_SCHEDULER_KUBECONFIG = "scheduler-kubeconfig";
  public static final String HASH_DATASTORE = "datastore";

  private ControlPlaneDeployment() {}

  /**
   * @throws IllegalStateException if {@code facts.address()} is not known yet
   */
  public static V1Deployment build(TenantControlPlane input, ResolvedFacts facts) {
    // work on a copy so the output shares no objects with the caller's TCP
    TenantControlPlane tcp = Copies.deep(input, TenantControlPlane.class);
    String name = tcp.getMetadata().getName();
    DeploymentSpec d = SpecDefaults.deployment(tcp);
    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    boolean withKonnectivity = konnectivity != null;

    AdditionalMetadata meta = SpecDefaults.metadata(d.getAdditionalMetadata());
    SortedMap<String, String> annotations = Labels.merge(meta.getAnnotations());
    if (d.getExtraArgs() != null) {
      List<String> apiServerArgs = d.getExtraArgs().getApiServer();
      annotations.put(
          Labels.API_SERVER_ARGS_ANNOTATION,
          Checksums.ofStrings(apiServerArgs == null ? List.of() : apiServerArgs));
    }

    V1LabelSelector selector = new V1LabelSelector().matchLabels(Labels.selector(name));
    V1PodSpec pod =
        new V1PodSpec()
            .initContainers(initContainers(tcp, facts))
            .containers(containers(tcp, facts, konnectivity))
            .volumes(volumes(tcp, facts, withKonnectivity))
            .nodeSelector(Copies.sorted(d.getNodeSelector()))
            .tolerations(d.getTolerations())
            .affinity(d.getAffinity())
            .topologySpreadConstraints(topologySpread(d.getTopologySpreadConstraints(), name))
            .runtimeClassName(
                d.getRuntimeClassName() == null || d.getRuntimeClassName().isEmpty()
                    ? null
                    : d.getRuntimeClassName())
            .securityContext(d.getPodSecurityContext())
            .serviceAccountName(
                SpecDefaults.nonEmptyOr(d.getServiceAccountName(), SpecDefaults.SERVICE_ACCOUNT))
            .automountServiceAccountToken(d.getAutomountServiceAccountToken());

    AdditionalMetadata podMeta = SpecDefaults.metadata(d.getPodAdditionalMetadata());
    SortedMap<String, String> podAnnotations = Labels.merge(podMeta.getAnnotations());
    // a changed datastore config or certificate rolls the pods
    podAnnotations.put(
        Labels.STORAGE_CONFIG_ANNOTATION, facts.checksumOf(Names.dataStoreConfig(tcp)));
    podAnnotations.put(
        Labels.STORAGE_CERTIFICATE_ANNOTATION, facts.checksumOf(Names.dataStoreCertificate(tcp)));

    return new V1Deployment()
        .apiVersion("apps/v1")
        .kind("Deployment")
        .metadata(
            Owners.metadata(
                tcp,
                Names.deployment(tcp),
                Labels.merge(Labels.kamaji(name, COMPONENT), meta.getLabels()),
                annotations))
        .spec(
            new V1DeploymentSpec()
                .replicas(SpecDefaults.replicas(tcp))
                .selector(selector)
                .strategy(strategy(d.getStrategy()))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(
                            new V1ObjectMeta()
                                .labels(Labels.merge(podLabels(tcp, facts), podMeta.getLabels()))
                                .annotations(podAnnotations))
                        .spec(pod)));
  }

  /**
   * {@code name} and {@code component} labels plus the MD5 of every mounted Secret, so a changed
   * certificate or kubeconfig rolls the pods.
   */
  static SortedMap<String, String> podLabels(TenantControlPlane tcp, ResolvedFacts facts) {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(Labels.NAME, tcp.getMetadata().getName());
    labels.put(Labels.COMPONENT, COMPONENT);
    hash(labels, HASH_API_SERVER_CERTIFICATE, facts, Names.apiServerCertificate(tcp));
    hash(
        labels,
        HASH_API_SERVER_KUBELET_CLIENT_CERTIFICATE,
        facts,
        Names.apiServerKubeletClientCertificate(tcp));
    hash(labels, HASH_CA, facts, Names.ca(tcp));
    hash(labels, HASH_CONTROLLER_MANAGER_KUBECONFIG, facts, Names.controllerManagerKubeconfig(tcp));
    hash(labels, HASH_FRONT_PROXY_CA_CERTIFICATE, facts, Names.frontProxyCa(tcp));
    hash(
        labels, HASH_FRONT_PROXY_CLIENT_CERTIFICATE, facts, Names.frontProxyClientCertificate(tcp));
    hash(labels, HASH_SERVICE_ACCOUNT, facts, Names.serviceAccount(tcp));
    hash(labels, HASH_SCHEDULER_KUBECONFIG, facts, Names.schedulerKubeconfig(tcp));
    String dataStore = facts.dataStore().name();
    labels.put(Labels.COMPONENT_HASH_PREFIX + HASH_DATASTORE, dataStore == null ? "" : dataStore);
    return labels;
  }

  private static void hash(
      SortedMap<String, String> labels, String suffix, ResolvedFacts facts, String secret) {
    labels.put(Labels.COMPONENT_HASH_PREFIX + suffix, facts.checksumOf(secret));
  }

  /** The user's init containers, plus kine's chmod when kine reads TLS material. */
  private static List<V1Container> initContainers(TenantControlPlane tcp, ResolvedFacts facts) {
    List<V1Container> init =
        new ArrayList<>(orEmpty(SpecDefaults.deployment(tcp).getAdditionalInitContainers()));
    if (facts.dataStore().usesKine() && facts.dataStore().tls()) {
      V1Container chmod = named(init, KineContainers.INIT_NAME);
      KineContainers.fillInit(chmod == null ? add(init) : chmod, facts);
    }
    return init;
  }

  private static List<V1Container> containers(
      TenantControlPlane tcp, ResolvedFacts facts, KonnectivitySpec konnectivity) {
    List<V1Container> containers =
        new ArrayList<>(orEmpty(SpecDefaults.deployment(tcp).getAdditionalContainers()));
    // a user container named kine is taken over rather than duplicated
    V1Container userKine =
        facts.dataStore().usesKine() ? named(containers, KineContainers.NAME) : null;
    containers.add(ApiServerContainer.build(tcp, facts, konnectivity != null));
    containers.add(SchedulerContainer.build(tcp));
    containers.add(ControllerManagerContainer.build(tcp));
    if (facts.dataStore().usesKine()) {
      KineContainers.fill(userKine == null ? add(containers) : userKine, tcp, facts);
    }
    if (konnectivity != null) {
      containers.add(KonnectivityServerContainer.build(tcp, facts, konnectivity));
    }
    return containers;
  }

  private static List<V1Volume> volumes(
      TenantControlPlane tcp, ResolvedFacts facts, boolean konnectivity) {
    List<V1Volume> volumes =
        new ArrayList<>(orEmpty(SpecDefaults.deployment(tcp).getAdditionalVolumes()));
    volumes.addAll(ControlPlaneVolumes.build(tcp, facts, konnectivity));
    return volumes;
  }

  /**
   * The user's strategy; without rolling-update parameters Kamaji rolls blue/green (all new pods
   * first, none removed early) so clients never alternate between two versions during upgrades.
   */
  static V1DeploymentStrategy strategy(V1DeploymentStrategy user) {
    String type =
        user == null || user.getType() == null || user.getType().isEmpty()
            ? "RollingUpdate"
            : user.getType();
    V1DeploymentStrategy out = new V1DeploymentStrategy().type(type);
    if ("Recreate".equals(type)) {
      return out;
    }
    V1RollingUpdateDeployment rolling = user == null ? null : user.getRollingUpdate();
    if (rolling == null) {
      return out.rollingUpdate(
          new V1RollingUpdateDeployment()
              .maxUnavailable(new IntOrString(0))
              .maxSurge(new IntOrString("100%")));
    }
    return out.rollingUpdate(
        new V1RollingUpdateDeployment()
            .maxUnavailable(rolling.getMaxUnavailable())
            .maxSurge(rolling.getMaxSurge()));
  }

  /** A constraint without a label selector gets the control-plane pods' selector. */
  private static List<V1TopologySpreadConstraint> topologySpread(
      List<V1TopologySpreadConstraint> constraints, String name) {
    if (constraints == null) {
      return null;
    }
    for (V1TopologySpreadConstraint c : constraints) {
      if (c.getLabelSelector() == null) {
        c.labelSelector(new V1LabelSelector().matchLabels(Labels.selector(name)));
      }
    }
    return constraints;
  }

  private static V1Container named(List<V1Container> containers, String name) {
    return containers.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
  }

  private static V1Container add(List<V1Container> containers) {
    V1Container c = new V1Container();
    containers.add(c);
    return c;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
