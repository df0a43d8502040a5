package dev.controlplanes.kamaji.controllers.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How tenant API servers reach this server's admission webhooks: its URL (without path) and the CA
 * of its serving certificate (PEM; null when none is configured).
 */
public record TenantWebhook(String serverUrl, byte[] caBundle) {

  /**
   * @param caPath the CA file, or empty for none; a file that cannot be read is logged and left out
   *     (tenant API servers then verify with their own roots, so a WriteLimited tenant's blocked
   *     writes fail closed)
   */
  public static TenantWebhook of(String serverUrl, String caPath) {
    if (caPath == null || caPath.isEmpty()) {
      return new TenantWebhook(serverUrl, null);
    }
    try {
      return new TenantWebhook(serverUrl, Files.readAllBytes(Path.of(caPath)));
    } catch (IOException e) {
      LOG.warn(
          "--webhook-ca-path {} cannot be read ({}); tenant webhooks get no CA",
          caPath,
          e.toString());
      return new TenantWebhook(serverUrl, null);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TenantWebhook.class);
}
