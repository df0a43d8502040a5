package dev.controlplanes.kamaji.controllers.resources.kubernetes;

import dev.controlplanes.kamaji.api.v1alpha1.KubeadmConfigStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.KubeadmConfig;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.TenantFacts;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.time.OffsetDateTime;
import java.util.Objects;

/** ConfigMap {@code <tcp>-kubeadmconfig} (§3.2 item 4); records {@code status.kubeadmconfig}. */
public final class KubeadmConfigResource extends OwnedObjectResource<V1ConfigMap> {

  public KubeadmConfigResource(TenantContext context) {
    super(context, context.clients().configMaps(), V1ConfigMap.class);
  }

  @Override
  public String name() {
    return "kubeadmconfig";
  }

  @Override
  protected V1ConfigMap desired(TenantControlPlane tcp) {
    return KubeadmConfig.build(tcp, TenantFacts.of(tcp, context));
  }

  private String checksum() {
    return Checksums.ofConfigMapData(applied.object().getData());
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    KubeadmConfigStatus s = tcp.getStatus() == null ? null : tcp.getStatus().getKubeadmconfig();
    return s == null
        || !Objects.equals(s.getChecksum(), checksum())
        || !Objects.equals(s.getConfigmapName(), applied.object().getMetadata().getName());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.status(tcp)
        .setKubeadmconfig(
            new KubeadmConfigStatus()
                .configmapName(applied.object().getMetadata().getName())
                .checksum(checksum())
                .lastUpdate(OffsetDateTime.now(context.clock())));
  }
}
