package dev.controlplanes.kamaji.controllers;

import dev.controlplanes.kamaji.controllers.tenant.TenantNetworks;
import java.time.Duration;

/**
 * Options of the embedded controllers, named after Kamaji's manager flags.
 *
 * @param workers reconciles of different TenantControlPlanes that may run at once (Kamaji's {@code
 *     --max-concurrent-tcp-reconciles}); one TenantControlPlane is never reconciled twice at once
 * @param reconcileTimeout bound of one reconcile pass ({@code --controller-reconcile-timeout})
 * @param defaultDataStore the DataStore of TenantControlPlanes that name none ({@code --datastore})
 * @param kineImage image of the kine sidecar for SQL and NATS DataStores ({@code --kine-image})
 * @param konnectivityImage full image of the konnectivity-server sidecar; empty for Kamaji's {@code
 *     registry.k8s.io/kas-network-proxy/proxy-server:v0.<minor>.0}
 * @param certificateExpirationDeadline certificates expiring sooner are renewed ({@code
 *     --certificate-expiration-deadline}, at least 24 h)
 * @param keyAlgorithm key algorithm of newly issued tenant certificates (RSA-2048 like kubeadm, or
 *     ECDSA-P256)
 * @param tenantEndpoint how the tenant-side phase dials a tenant's API server: through its Service
 *     name (in-cluster, as Kamaji) or its public control-plane endpoint (a server outside the
 *     cluster cannot resolve Service names)
 * @param tenantNetworks where the tenant-side phase may dial tenants at all ({@code
 *     --tenant-networks}; any network by default)
 * @param tenantResyncPeriod how often the tenant-side phase applies a tenant's objects again once
 *     they are in place, so that deleted or edited ones come back ({@code --tenant-resync-period};
 *     zero: only when the TenantControlPlane's plan or credentials change)
 * @param webhookServerUrl where tenant API servers reach this server's webhooks ({@code
 *     --tenant-webhook-url}; Kamaji's {@code https://<webhook service>.<namespace>.svc:443})
 * @param webhookCaPath the CA of this server's serving certificate, put in the tenants' webhook
 *     configurations ({@code --webhook-ca-path}, Kamaji's flag; empty: none)
 * @param migration how datastore migration Jobs are run
 */
public record ControllerOptions(
    int workers,
    Duration reconcileTimeout,
    String defaultDataStore,
    String kineImage,
    String konnectivityImage,
    Duration certificateExpirationDeadline,
    String keyAlgorithm,
    TenantEndpoint tenantEndpoint,
    TenantNetworks tenantNetworks,
    Duration tenantResyncPeriod,
    String webhookServerUrl,
    String webhookCaPath,
    Migration migration) {

  /**
   * The Job that copies a tenant's data when {@code spec.dataStore} changes (Kamaji §4.1).
   *
   * @param image the image whose entry point runs {@code migrate ...} ({@code --migrate-image}):
   *     this server's own
   * @param namespace where the Jobs run ({@code --pod-namespace}): this server's namespace
   * @param serviceAccount the Jobs' service account ({@code --serviceaccount-name}): this server's,
   *     which may read TenantControlPlanes, DataStores and their Secrets
   */
  public record Migration(String image, String namespace, String serviceAccount) {}

  /** Which URL of a tenant the controllers use. */
  public enum TenantEndpoint {
    /** {@code https://<tcp>.<namespace>.svc:<port>} (the admin kubeconfig's {@code *.svc} keys). */
    INTERNAL,
    /** The control-plane endpoint (the {@code *.conf} keys). */
    EXTERNAL
  }

  public static final Duration MIN_EXPIRATION_DEADLINE = Duration.ofHours(24);

  public ControllerOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    if (reconcileTimeout.isNegative() || reconcileTimeout.isZero()) {
      throw new IllegalArgumentException("the reconcile timeout must be positive");
    }
    if (tenantResyncPeriod.isNegative()) {
      throw new IllegalArgumentException("the tenant resync period must not be negative");
    }
    if (certificateExpirationDeadline.compareTo(MIN_EXPIRATION_DEADLINE) < 0) {
      throw new IllegalArgumentException(
          "the certificate expiration deadline must be at least 24h");
    }
  }

  public static ControllerOptions defaults() {
    return new ControllerOptions(
        4,
        Duration.ofSeconds(30),
        "default",
        "rancher/kine:v0.11.10-amd64",
        "",
        Duration.ofHours(24),
        "ECDSA-P256",
        TenantEndpoint.INTERNAL,
        TenantNetworks.any(),
        Duration.ofMinutes(10),
        "https://kamaji-api.kamaji-system.svc:443",
        "",
        new Migration("kamaji-java/apiserver:latest", "kamaji-system", "kamaji-api"));
  }
}
