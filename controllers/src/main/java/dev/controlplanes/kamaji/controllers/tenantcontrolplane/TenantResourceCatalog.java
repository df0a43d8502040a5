package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.ControlPlaneTlsRoute;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.certificates.PkiSecretResource;
import dev.controlplanes.kamaji.controllers.resources.datastore.DataStoreCertificateResource;
import dev.controlplanes.kamaji.controllers.resources.datastore.DataStoreConfigResource;
import dev.controlplanes.kamaji.controllers.resources.datastore.DataStoreSetupResource;
import dev.controlplanes.kamaji.controllers.resources.datastore.DataStoreTeardown;
import dev.controlplanes.kamaji.controllers.resources.konnectivity.EgressSelectorResource;
import dev.controlplanes.kamaji.controllers.resources.kubernetes.DeploymentResource;
import dev.controlplanes.kamaji.controllers.resources.kubernetes.GatewayRouteResource;
import dev.controlplanes.kamaji.controllers.resources.kubernetes.IngressResource;
import dev.controlplanes.kamaji.controllers.resources.kubernetes.KubeadmConfigResource;
import dev.controlplanes.kamaji.controllers.resources.kubernetes.ServiceResource;
import dev.controlplanes.kamaji.controllers.resources.migration.MigrationCleanup;
import dev.controlplanes.kamaji.controllers.resources.migration.MigrationResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Kamaji's resource order (§3.2). Not implemented yet: upgrade (2), whose admission checks and
 * Upgrading state are elsewhere. The storage of {@code dataStoreOverrides} (8) is part of the
 * datastore setup and teardown (the overrides share the primary's Secrets, as in Kamaji). The
 * konnectivity Service port (11) is part of the Service builder.
 */
public final class TenantResourceCatalog implements TenantResources {

  private TenantResourceCatalog() {}

  public static TenantResourceCatalog standard() {
    return new TenantResourceCatalog();
  }

  @Override
  public List<ManagedResource<TenantControlPlane>> pipeline(TenantContext context) {
    List<ManagedResource<TenantControlPlane>> resources = new ArrayList<>();
    MigrationResource migration = new MigrationResource(context);
    resources.add(migration);
    resources.add(migration.gate());
    resources.add(new ServiceResource(context));
    resources.add(new KubeadmConfigResource(context));
    for (PkiSecret secret :
        List.of(
            PkiSecret.CA,
            PkiSecret.FRONT_PROXY_CA,
            PkiSecret.SERVICE_ACCOUNT,
            PkiSecret.API_SERVER,
            PkiSecret.API_SERVER_KUBELET_CLIENT,
            PkiSecret.FRONT_PROXY_CLIENT,
            PkiSecret.ADMIN_KUBECONFIG,
            PkiSecret.CONTROLLER_MANAGER_KUBECONFIG,
            PkiSecret.SCHEDULER_KUBECONFIG)) {
      resources.add(new PkiSecretResource(context, secret));
    }
    resources.add(new DataStoreConfigResource(context));
    resources.add(new DataStoreSetupResource(context));
    resources.add(new DataStoreCertificateResource(context));
    resources.add(new Konnectivity<>(new EgressSelectorResource(context)));
    resources.add(
        new Konnectivity<>(new PkiSecretResource(context, PkiSecret.KONNECTIVITY_CERTIFICATE)));
    resources.add(
        new Konnectivity<>(new PkiSecretResource(context, PkiSecret.KONNECTIVITY_KUBECONFIG)));
    resources.add(new DeploymentResource(context));
    resources.add(new MigrationCleanup(context));
    resources.add(new IngressResource(context));
    resources.add(new GatewayRouteResource(context, ControlPlaneTlsRoute.Route.CONTROL_PLANE));
    resources.add(new GatewayRouteResource(context, ControlPlaneTlsRoute.Route.KONNECTIVITY));
    return resources;
  }

  @Override
  public List<DeletableResource> deletable(TenantContext context) {
    return List.of(new DataStoreTeardown(context));
  }

  /**
   * Runs a resource while the konnectivity addon is set; once it is removed, deletes the resource's
   * object and records the addon as disabled, as Kamaji does (the Deployment and Service builders
   * drop the sidecar, its volumes, flag and port by themselves).
   */
  private record Konnectivity<R extends ManagedResource<TenantControlPlane>>(R inner)
      implements ManagedResource<TenantControlPlane> {

    private static boolean enabled(TenantControlPlane tcp) {
      return tcp.getSpec() != null
          && tcp.getSpec().getAddons() != null
          && tcp.getSpec().getAddons().getKonnectivity() != null;
    }

    /** The management-side fields of an addon that is no longer set. */
    private static boolean staleStatus(TenantControlPlane tcp) {
      KonnectivityStatus k =
          tcp.getStatus() == null || tcp.getStatus().getAddons() == null
              ? null
              : tcp.getStatus().getAddons().getKonnectivity();
      return k != null
          && (!Boolean.FALSE.equals(k.getEnabled())
              || k.getConfigMap() != null
              || k.getCertificate() != null
              || k.getKubeconfig() != null);
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public boolean shouldCleanup(TenantControlPlane tcp) {
      return !enabled(tcp);
    }

    @Override
    public WriteResult cleanUp(TenantControlPlane tcp) {
      return inner.cleanUp(tcp);
    }

    @Override
    public WriteResult createOrUpdate(TenantControlPlane tcp) {
      return inner.createOrUpdate(tcp);
    }

    @Override
    public boolean shouldUpdateStatus(TenantControlPlane tcp) {
      return enabled(tcp) ? inner.shouldUpdateStatus(tcp) : staleStatus(tcp);
    }

    @Override
    public void updateStatus(TenantControlPlane tcp) {
      if (enabled(tcp)) {
        inner.updateStatus(tcp);
        return;
      }
      KonnectivityStatus k = tcp.getStatus().getAddons().getKonnectivity();
      k.setEnabled(false);
      k.setConfigMap(null);
      k.setCertificate(null);
      k.setKubeconfig(null);
    }
  }
}
