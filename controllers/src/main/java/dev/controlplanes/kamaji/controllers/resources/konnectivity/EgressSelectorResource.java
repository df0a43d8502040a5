package dev.controlplanes.kamaji.controllers.resources.konnectivity;

import dev.controlplanes.kamaji.api.v1alpha1.ConfigMapChecksumStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KonnectivityStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.kube.WriteResult;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.KonnectivityEgressSelector;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.util.Objects;

/**
 * ConfigMap {@code <tcp>-konnectivity-egress-selector-configuration} (§3.2 item 9), only with the
 * konnectivity addon; records {@code status.addons.konnectivity.configMap}.
 */
public final class EgressSelectorResource extends OwnedObjectResource<V1ConfigMap> {

  public EgressSelectorResource(TenantContext context) {
    super(context, context.clients().configMaps(), V1ConfigMap.class);
  }

  @Override
  public String name() {
    return "konnectivity-egress-selector-configuration";
  }

  /** Deletes the ConfigMap (the addon is turned off). */
  @Override
  public WriteResult cleanUp(TenantControlPlane tcp) {
    return delete(
        tcp.getMetadata().getNamespace(), Names.konnectivityEgressSelectorConfiguration(tcp));
  }

  @Override
  protected V1ConfigMap desired(TenantControlPlane tcp) {
    return KonnectivityEgressSelector.build(tcp);
  }

  private String checksum() {
    return Checksums.ofConfigMapData(applied.object().getData());
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    KonnectivityStatus k =
        tcp.getStatus() == null || tcp.getStatus().getAddons() == null
            ? null
            : tcp.getStatus().getAddons().getKonnectivity();
    return k == null
        || !Boolean.TRUE.equals(k.getEnabled())
        || k.getConfigMap() == null
        || !Objects.equals(k.getConfigMap().getChecksum(), checksum());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.konnectivity(tcp)
        .enabled(true)
        .configMap(
            new ConfigMapChecksumStatus()
                .name(applied.object().getMetadata().getName())
                .checksum(checksum()));
  }
}
