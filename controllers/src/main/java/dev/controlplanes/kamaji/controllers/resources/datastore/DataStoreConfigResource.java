package dev.controlplanes.kamaji.controllers.resources.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.SecretChecksumStatus;
import dev.controlplanes.kamaji.api.v1alpha1.StorageStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.DataStoreConfigSecret;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.TenantFacts;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Secret {@code <tcp>-datastore-config} (§3.2 item 7): connection string, schema, user and a random
 * password kept stable once written; records {@code status.storage.config}, driver and DataStore
 * name.
 */
public final class DataStoreConfigResource extends OwnedObjectResource<V1Secret> {

  public DataStoreConfigResource(TenantContext context) {
    super(context, context.clients().secrets(), V1Secret.class);
  }

  @Override
  public String name() {
    return "datastore-config";
  }

  @Override
  protected V1Secret desired(TenantControlPlane tcp) {
    String name = Names.dataStoreConfig(tcp);
    byte[] password =
        context
            .secretData(tcp.getMetadata().getNamespace(), name)
            .get(DataStoreConfigSecret.PASSWORD);
    if (password == null || password.length == 0) {
      password = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    }
    V1Secret secret = DataStoreConfigSecret.build(tcp, TenantFacts.of(tcp, context), password);
    context.pass().secrets().put(name, secret.getData());
    return secret;
  }

  private String checksum() {
    return Checksums.ofSecretData(applied.object().getData());
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    StorageStatus s = tcp.getStatus() == null ? null : tcp.getStatus().getStorage();
    return s == null
        || s.getConfig() == null
        || !Objects.equals(s.getConfig().getChecksum(), checksum())
        || !Objects.equals(s.getConfig().getSecretName(), applied.object().getMetadata().getName())
        || !Objects.equals(s.getDataStoreName(), context.dataStore().getMetadata().getName())
        || !Objects.equals(s.getDriver(), context.dataStore().getSpec().getDriver());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.storage(tcp)
        .driver(context.dataStore().getSpec().getDriver())
        .dataStoreName(context.dataStore().getMetadata().getName())
        .config(
            new SecretChecksumStatus()
                .secretName(applied.object().getMetadata().getName())
                .checksum(checksum()));
  }
}
