package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityServerSpec;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivitySpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code konnectivity-server} sidecar (§3.3), present when the konnectivity addon is set. */
public final class KonnectivityServerContainer {

  public static final String NAME = "konnectivity-server";
  public static final int ADMIN_PORT = 8133;
  public static final int HEALTH_PORT = 8134;
  public static final String AGENT_NAMESPACE = "kube-system";
  public static final String AGENT_SERVICE_ACCOUNT = "konnectivity-agent";
  public static final String AUDIENCE = "system:konnectivity-server";

  private KonnectivityServerContainer() {}

  static V1Container build(TenantControlPlane tcp, ResolvedFacts facts, KonnectivitySpec addon) {
    KonnectivityServerSpec server = SpecDefaults.konnectivityServer(addon);
    int agentPort = SpecDefaults.konnectivityPort(addon);
    V1ResourceRequirements resources = Copies.resources(server.getResources());
    return new V1Container()
        .name(NAME)
        .image(
            Objects.requireNonNullElse(
                facts.images().konnectivityServer(),
                SpecDefaults.konnectivityServerImage(tcp, addon)))
        .command(
            Objects.requireNonNullElse(
                facts.images().konnectivityServerCommand(), List.of("/proxy-server")))
        .args(args(tcp, addon))
        .livenessProbe(Probes.konnectivityHealthz(HEALTH_PORT, 30, 60))
        .ports(
            List.of(
                port("agentport", agentPort),
                port("adminport", ADMIN_PORT),
                port("healthport", HEALTH_PORT)))
        .volumeMounts(
            List.of(
                ControlPlaneVolumes.mount(ControlPlaneVolumes.PKI, ContainerPaths.PKI_DIR, true),
                ControlPlaneVolumes.mount(
                        ControlPlaneVolumes.KONNECTIVITY_KUBECONFIG,
                        ContainerPaths.KONNECTIVITY_KUBECONFIG,
                        true)
                    .subPath("konnectivity-server.conf"),
                ControlPlaneVolumes.mount(
                    ControlPlaneVolumes.KONNECTIVITY_UDS,
                    ContainerPaths.KONNECTIVITY_UDS_DIR,
                    false)))
        .imagePullPolicy("Always")
        // only limits and requests are taken from the addon, as in Kamaji
        .resources(
            new V1ResourceRequirements()
                .limits(resources.getLimits())
                .requests(resources.getRequests()))
        .securityContext(server.getSecurityContext());
  }

  /** The user's {@code server.extraArgs}, then Kamaji's (which win), sorted. */
  public static List<String> args(TenantControlPlane tcp, KonnectivitySpec addon) {
    Map<String, String> args = Flags.toMap(SpecDefaults.konnectivityServer(addon).getExtraArgs());
    args.put("--uds-name", ContainerPaths.KONNECTIVITY_SOCKET);
    // the agents authenticate the server with the API server's serving certificate
    args.put("--cluster-cert", ContainerPaths.pki("apiserver.crt"));
    args.put("--cluster-key", ContainerPaths.pki("apiserver.key"));
    args.put("--mode", "grpc");
    args.put("--server-port", "0");
    args.put("--agent-port", Integer.toString(SpecDefaults.konnectivityPort(addon)));
    args.put("--admin-port", Integer.toString(ADMIN_PORT));
    args.put("--health-port", Integer.toString(HEALTH_PORT));
    args.put("--agent-namespace", AGENT_NAMESPACE);
    args.put("--agent-service-account", AGENT_SERVICE_ACCOUNT);
    args.put("--kubeconfig", ContainerPaths.KONNECTIVITY_KUBECONFIG);
    args.put("--authentication-audience", AUDIENCE);
    args.put("--server-count", Integer.toString(SpecDefaults.replicas(tcp)));
    return Flags.sorted(args);
  }

  private static V1ContainerPort port(String name, int port) {
    return new V1ContainerPort().name(name).containerPort(port).protocol("TCP");
  }
}
