package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.GatewaySpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityAgentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1DaemonSetSpec;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1ProjectedVolumeSource;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1ServiceAccountTokenProjection;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeProjection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant-side objects of the konnectivity addon, as Kamaji's soot manager makes them (reference
 * §3.4): the agents' ServiceAccount, TokenReview rights for the sidecar's user, and the agents as a
 * DaemonSet or a Deployment in {@code kube-system}. Pure: the TenantControlPlane in, objects out.
 */
public final class KonnectivityAgent {

  public static final String NAME = "konnectivity-agent";
  public static final String NAMESPACE = "kube-system";

  /** The sidecar's user (its client certificate's CN), and the agents' token audience. */
  public static final String SERVER_USER = "system:konnectivity-server";

  public static final String DAEMON_SET = "DaemonSet";
  public static final String DEPLOYMENT = "Deployment";

  static final String TOKEN_VOLUME = "konnectivity-agent-token";
  static final String TOKEN_DIR = "/var/run/secrets/tokens";
  static final int ADMIN_PORT = 8133;
  static final int HEALTH_PORT = 8134;

  private KonnectivityAgent() {}

  /** {@code DaemonSet} or {@code Deployment}: the addon's mode, a DaemonSet when unset. */
  public static String kind(KonnectivitySpec konnectivity) {
    return DEPLOYMENT.equals(SpecDefaults.konnectivityAgent(konnectivity).getMode())
        ? DEPLOYMENT
        : DAEMON_SET;
  }

  public static V1ServiceAccount serviceAccount(TenantControlPlane tcp) {
    return new V1ServiceAccount()
        .apiVersion("v1")
        .kind("ServiceAccount")
        .metadata(metadata(tcp, NAME, NAMESPACE, "konnectivity-sa"));
  }

  public static V1ClusterRoleBinding clusterRoleBinding(TenantControlPlane tcp) {
    return new V1ClusterRoleBinding()
        .apiVersion("rbac.authorization.k8s.io/v1")
        .kind("ClusterRoleBinding")
        .metadata(metadata(tcp, SERVER_USER, null, "konnectivity-clusterrolebinding"))
        .roleRef(
            new V1RoleRef()
                .apiGroup("rbac.authorization.k8s.io")
                .kind("ClusterRole")
                .name("system:auth-delegator"))
        .subjects(
            List.of(
                new RbacV1Subject()
                    .apiGroup("rbac.authorization.k8s.io")
                    .kind("User")
                    .name(SERVER_USER)));
  }

  /**
   * The agents, as a {@link V1DaemonSet} or a {@link V1Deployment} (see {@link #kind}).
   *
   * @param controlPlaneAddress the address the TenantControlPlane's Service got (host only)
   */
  public static Object workload(TenantControlPlane tcp, String controlPlaneAddress) {
    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    KonnectivityAgentSpec agent = SpecDefaults.konnectivityAgent(konnectivity);
    V1LabelSelector selector = new V1LabelSelector().matchLabels(Map.of("k8s-app", NAME));
    V1PodTemplateSpec template =
        new V1PodTemplateSpec()
            .metadata(new V1ObjectMeta().labels(Map.of("k8s-app", NAME)))
            .spec(podSpec(tcp, konnectivity, agent, controlPlaneAddress));
    V1ObjectMeta metadata = metadata(tcp, NAME, NAMESPACE, NAME);
    if (kind(konnectivity).equals(DEPLOYMENT)) {
      return new V1Deployment()
          .apiVersion("apps/v1")
          .kind(DEPLOYMENT)
          .metadata(metadata)
          .spec(
              new V1DeploymentSpec()
                  .replicas(agent.getReplicas())
                  .selector(selector)
                  .template(template));
    }
    return new V1DaemonSet()
        .apiVersion("apps/v1")
        .kind(DAEMON_SET)
        .metadata(metadata)
        .spec(new V1DaemonSetSpec().selector(selector).template(template));
  }

  /**
   * The agents' arguments: Kamaji's, then the addon's {@code extraArgs} (which win), sorted. The
   * server is the advertised address, or the gateway's hostname, at the sidecar's port.
   */
  public static List<String> args(TenantControlPlane tcp, String controlPlaneAddress) {
    KonnectivitySpec konnectivity = SpecDefaults.konnectivity(tcp);
    String host = KubeadmConfig.advertisedAddress(tcp, controlPlaneAddress);
    GatewaySpec gateway = SpecDefaults.controlPlane(tcp).getGateway();
    if (gateway != null && gateway.getHostname() != null && !gateway.getHostname().isEmpty()) {
      host = gateway.getHostname().split(":", -1)[0];
    }
    Map<String, String> args = new LinkedHashMap<>();
    args.put("-v", "8");
    args.put("--logtostderr", "true");
    args.put("--ca-cert", "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
    args.put("--proxy-server-host", host);
    args.put("--proxy-server-port", Integer.toString(SpecDefaults.konnectivityPort(konnectivity)));
    args.put("--admin-server-port", Integer.toString(ADMIN_PORT));
    args.put("--health-server-port", Integer.toString(HEALTH_PORT));
    args.put("--service-account-token-path", TOKEN_DIR + "/" + TOKEN_VOLUME);
    args.putAll(Flags.toMap(SpecDefaults.konnectivityAgent(konnectivity).getExtraArgs()));
    return Flags.sorted(args);
  }

  private static V1PodSpec podSpec(
      TenantControlPlane tcp,
      KonnectivitySpec konnectivity,
      KonnectivityAgentSpec agent,
      String controlPlaneAddress) {
    V1Container container =
        new V1Container()
            .name(NAME)
            .image(SpecDefaults.konnectivityAgentImage(tcp, konnectivity))
            .command(List.of("/proxy-agent"))
            .args(args(tcp, controlPlaneAddress))
            .volumeMounts(List.of(new V1VolumeMount().name(TOKEN_VOLUME).mountPath(TOKEN_DIR)))
            .livenessProbe(Probes.konnectivityHealthz(HEALTH_PORT, 15, 15));
    V1Volume token =
        new V1Volume()
            .name(TOKEN_VOLUME)
            .projected(
                new V1ProjectedVolumeSource()
                    .defaultMode(420)
                    .sources(
                        List.of(
                            new V1VolumeProjection()
                                .serviceAccountToken(
                                    new V1ServiceAccountTokenProjection()
                                        .path(TOKEN_VOLUME)
                                        .audience(SERVER_USER)
                                        .expirationSeconds(3600L)))));
    return new V1PodSpec()
        .priorityClassName("system-cluster-critical")
        .tolerations(agent.getTolerations())
        .hostNetwork(Boolean.TRUE.equals(agent.getHostNetwork()) ? Boolean.TRUE : null)
        .nodeSelector(Map.of("kubernetes.io/os", "linux"))
        .serviceAccountName(NAME)
        .volumes(List.of(token))
        .containers(List.of(container));
  }

  private static V1ObjectMeta metadata(
      TenantControlPlane tcp, String name, String namespace, String component) {
    return new V1ObjectMeta()
        .name(name)
        .namespace(namespace)
        .labels(Labels.kamaji(tcp.getMetadata().getName(), component));
  }
}
