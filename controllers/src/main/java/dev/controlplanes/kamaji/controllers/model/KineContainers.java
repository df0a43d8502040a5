package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneComponentsResources;
import dev.controlplanes.kamaji.api.v1alpha1.ControlPlaneExtraArgs;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.DeploymentSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1SecretEnvSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kine} sidecar for the SQL and NATS drivers, and its {@code chmod} init container
 * (§3.3). Both are filled into a same-named user container when there is one, keeping the user's
 * image (Kamaji PR #1254).
 */
public final class KineContainers {

  public static final String NAME = "kine";
  public static final String INIT_NAME = "chmod";
  public static final int PORT = 2379;

  private KineContainers() {}

  /** Fills {@code c} (a fresh container or the user's {@code kine}) as the kine sidecar. */
  static V1Container fill(V1Container c, TenantControlPlane tcp, ResolvedFacts facts) {
    DeploymentSpec d = SpecDefaults.deployment(tcp);
    c.name(NAME)
        .image(isEmpty(c.getImage()) ? facts.images().kine() : c.getImage())
        .command(List.of("/bin/kine"))
        .args(args(tcp, facts))
        .volumeMounts(
            List.of(
                ControlPlaneVolumes.mount(
                    ControlPlaneVolumes.KINE_CERTS, ContainerPaths.KINE_CERTS_DIR, false),
                ControlPlaneVolumes.mount(
                    ControlPlaneVolumes.KINE_UDS, ContainerPaths.KINE_UDS_DIR, false)))
        .env(List.of(new V1EnvVar().name("GODEBUG").value("x509ignoreCN=0")))
        .envFrom(
            List.of(
                new V1EnvFromSource()
                    .secretRef(new V1SecretEnvSource().name(Names.dataStoreConfig(tcp)))))
        .ports(List.of(new V1ContainerPort().containerPort(PORT).name("server").protocol("TCP")))
        .imagePullPolicy("Always");
    ControlPlaneComponentsResources r = d.getResources();
    return c.resources(Copies.resources(r == null ? null : r.getKine()));
  }

  /**
   * Fills {@code c} as the init container that copies the datastore certificates into an emptyDir
   * with mode 600 (PostgreSQL refuses a group-readable key).
   */
  static V1Container fillInit(V1Container c, ResolvedFacts facts) {
    return c.name(INIT_NAME)
        .image(isEmpty(c.getImage()) ? facts.images().kine() : c.getImage())
        .command(List.of("sh"))
        .args(
            List.of(
                "-c",
                "cp "
                    + ContainerPaths.KINE_SOURCE_CERTS_DIR
                    + "/*.* "
                    + ContainerPaths.KINE_CERTS_DIR
                    + " && chmod -R 600 "
                    + ContainerPaths.KINE_CERTS_DIR
                    + "/*.*"))
        .volumeMounts(
            List.of(
                ControlPlaneVolumes.mount(
                    ControlPlaneVolumes.KINE_CONFIG, ContainerPaths.KINE_SOURCE_CERTS_DIR, true),
                ControlPlaneVolumes.mount(
                    ControlPlaneVolumes.KINE_CERTS, ContainerPaths.KINE_CERTS_DIR, false)));
  }

  /**
   * Kamaji's flags, the user's {@code extraArgs.kine} over them, and the driver's endpoint last (it
   * always wins); the {@code $(DB_*)} references are expanded by the kubelet from the
   * datastore-config Secret.
   */
  public static List<String> args(TenantControlPlane tcp, ResolvedFacts facts) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("--listen-address", "unix://" + ContainerPaths.KINE_SOCKET);
    if (facts.dataStore().tls()) {
      args.put("--ca-file", ContainerPaths.KINE_CERTS_DIR + "/ca.crt");
      if (facts.dataStore().clientCertificate()) {
        args.put("--cert-file", ContainerPaths.KINE_CERTS_DIR + "/server.crt");
        args.put("--key-file", ContainerPaths.KINE_CERTS_DIR + "/server.key");
      }
    }
    ControlPlaneExtraArgs extra = SpecDefaults.deployment(tcp).getExtraArgs();
    args.putAll(Flags.toMap(extra == null ? null : extra.getKine()));
    args.put("--endpoint", endpoint(facts.dataStore().driver()));
    return Flags.sorted(args);
  }

  static String endpoint(String driver) {
    return switch (driver) {
      case DataStoreDriver.MYSQL ->
          "mysql://$(DB_USER):$(DB_PASSWORD)@tcp($(DB_CONNECTION_STRING))/$(DB_SCHEMA)";
      case DataStoreDriver.POSTGRESQL ->
          "postgres://$(DB_USER):$(DB_PASSWORD)@$(DB_CONNECTION_STRING)/$(DB_SCHEMA)";
      case DataStoreDriver.NATS ->
          "nats://$(DB_USER):$(DB_PASSWORD)@$(DB_CONNECTION_STRING)?bucket=$(DB_SCHEMA)&noEmbed";
      default -> throw new IllegalArgumentException("no kine endpoint for driver " + driver);
    };
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
