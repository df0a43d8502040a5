package dev.controlplanes.kamaji.konnectivity.leases;

import dev.controlplanes.kamaji.api.json.LenientModels;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.File;
import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Clients of the cluster named by {@code --kubeconfig}, as the upstream binaries build theirs, that
 * ignore fields newer than client-java's models.
 */
public final class KubeconfigClients {

  private KubeconfigClients() {}

  /** A client for {@code path}, or the in-cluster configuration when the path is empty. */
  public static ApiClient build(String path) throws IOException {
    // A tenant newer than client-java's models must not break TokenReviews or lease counting.
    LenientModels.install();
    ApiClient client;
    if (path.isEmpty()) {
      client = ClientBuilder.cluster().build();
    } else {
      try (Reader r = new FileReader(path, StandardCharsets.UTF_8)) {
        KubeConfig kubeconfig = KubeConfig.loadKubeConfig(r);
        // Relative certificate paths in the file are relative to the file itself.
        kubeconfig.setFile(new File(path));
        client = ClientBuilder.kubeconfig(kubeconfig).build();
      }
    }
    return client;
  }
}
