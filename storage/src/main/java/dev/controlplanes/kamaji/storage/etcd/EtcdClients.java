package dev.controlplanes.kamaji.storage.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.net.URI;
import javax.net.ssl.SSLException;

/** Builds the jetcd client for an {@link EtcdStoreConfig}. */
final class EtcdClients {

  private EtcdClients() {}

  static Client build(EtcdStoreConfig config) {
    ClientBuilder builder =
        Client.builder()
            .endpoints(config.endpoints().toArray(URI[]::new))
            // jetcd's default queues calls while etcd is down until our timeout fires; failing
            // fast lets callers tell "unreachable" from "slow".
            .waitForReady(false)
            .connectTimeout(config.requestTimeout())
            // gRPC's 4 MiB default fails an unpaginated list of more than ~1,300 TCPs with
            // RESOURCE_EXHAUSTED (a 500); kube-apiserver's etcd client allows math.MaxInt32 too.
            .maxInboundMessageSize(Integer.MAX_VALUE)
            .interceptor(new InlineUnaryCallbacks())
            .executorService(new CallerThreadExecutor());
    EtcdStoreConfig.Tls tls = config.tls();
    if (tls != null) {
      try {
        builder.sslContext(
            ssl -> {
              ssl.trustManager(tls.caFile().toFile());
              if (tls.certFile() != null) {
                ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
              }
            });
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot load the etcd TLS files " + tls, e);
      }
    }
    return builder.build();
  }
}
