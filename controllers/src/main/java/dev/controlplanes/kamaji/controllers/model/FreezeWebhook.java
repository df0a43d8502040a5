package dev.controlplanes.kamaji.controllers.model;

import io.kubernetes.client.openapi.models.V1ValidatingWebhookConfiguration;
import java.util.List;

/**
 * The ValidatingWebhookConfiguration {@code kamaji-freeze} that a tenant gets while its data is
 * migrated to another DataStore (Kamaji §4.1): its API server sends every operation outside {@code
 * kube-system} and {@code kube-node-lease}, and node-lease creations and deletions, to our
 * always-denying {@code /migrate}, so that nothing written during the copy is lost. Pure.
 */
public final class FreezeWebhook {

  public static final String NAME = "kamaji-freeze";
  public static final String PATH = "/migrate";

  private FreezeWebhook() {}

  /**
   * @param serverUrl where tenant API servers reach our server
   * @param caBundle the CA of our serving certificate (PEM), or null to use the tenant's roots
   */
  public static V1ValidatingWebhookConfiguration build(String serverUrl, byte[] caBundle) {
    return WritePermissionsWebhook.leasesAndCatchAll(
        NAME, "migrate", WritePermissionsWebhook.url(serverUrl, PATH), caBundle, List.of("*"));
  }
}
