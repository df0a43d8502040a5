package dev.controlplanes.kamaji.controllers.resources.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.ContentRef;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.SecretReference;
import dev.controlplanes.kamaji.controllers.errors.DataStoreNotReadyException;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a DataStore resource into the storage module's {@link DataStoreEndpoint}, resolving each
 * credential from its inline content (base64) or its Secret reference.
 */
public final class DataStoreCredentials {

  /** Where credential Secrets are read. */
  @FunctionalInterface
  public interface Secrets {
    Optional<V1Secret> get(String namespace, String name);
  }

  private final Secrets secrets;

  /** Secrets from the controllers' cache, else read live (a Secret created a moment ago). */
  public DataStoreCredentials(KubeClients clients) {
    this(
        (namespace, name) ->
            clients
                .secrets()
                .cached(namespace, name)
                .or(() -> clients.secrets().live(namespace, name)));
  }

  public DataStoreCredentials(Secrets secrets) {
    this.secrets = secrets;
  }

  public DataStoreEndpoint endpoint(DataStore dataStore) {
    var spec = dataStore.getSpec();
    String name = dataStore.getMetadata().getName();
    DataStoreEndpoint.Tls tls = null;
    if (spec.getTlsConfig() != null && spec.getTlsConfig().getCertificateAuthority() != null) {
      var client = spec.getTlsConfig().getClientCertificate();
      tls =
          new DataStoreEndpoint.Tls(
              resolve(name, spec.getTlsConfig().getCertificateAuthority().getCertificate()),
              client == null ? null : resolve(name, client.getCertificate()),
              client == null ? null : resolve(name, client.getPrivateKey()));
    }
    DataStoreEndpoint.BasicAuth basicAuth = null;
    if (spec.getBasicAuth() != null) {
      basicAuth =
          new DataStoreEndpoint.BasicAuth(
              new String(resolve(name, spec.getBasicAuth().getUsername()), StandardCharsets.UTF_8),
              new String(resolve(name, spec.getBasicAuth().getPassword()), StandardCharsets.UTF_8));
    }
    return new DataStoreEndpoint(driver(spec.getDriver()), spec.getEndpoints(), tls, basicAuth);
  }

  /**
   * An administrator connection to the DataStore, shared with other reconciles where the driver
   * allows; the caller closes it.
   */
  public static DataStoreConnection open(KubeClients clients, DataStore dataStore) {
    return clients
        .dataStoreConnections()
        .open(new DataStoreCredentials(clients).endpoint(dataStore));
  }

  /** The DataStore CA's certificate and key (etcd: to sign tenant client certificates). */
  public byte[][] certificateAuthority(DataStore dataStore) {
    var ca = dataStore.getSpec().getTlsConfig().getCertificateAuthority();
    String name = dataStore.getMetadata().getName();
    return new byte[][] {
      resolve(name, ca.getCertificate()),
      ca.getPrivateKey() == null ? null : resolve(name, ca.getPrivateKey())
    };
  }

  public static dev.controlplanes.kamaji.storage.datastore.DataStoreDriver driver(String driver) {
    return switch (driver) {
      case DataStoreDriver.ETCD -> dev.controlplanes.kamaji.storage.datastore.DataStoreDriver.ETCD;
      case DataStoreDriver.MYSQL ->
          dev.controlplanes.kamaji.storage.datastore.DataStoreDriver.MYSQL;
      case DataStoreDriver.POSTGRESQL ->
          dev.controlplanes.kamaji.storage.datastore.DataStoreDriver.POSTGRESQL;
      case DataStoreDriver.NATS -> dev.controlplanes.kamaji.storage.datastore.DataStoreDriver.NATS;
      default -> throw new IllegalArgumentException("unknown DataStore driver " + driver);
    };
  }

  /** Inline content wins over the reference (as Kamaji). */
  byte[] resolve(String dataStore, ContentRef ref) {
    if (ref == null) {
      return null;
    }
    if (ref.getContent() != null && !ref.getContent().isEmpty()) {
      return Base64.getDecoder().decode(ref.getContent());
    }
    SecretReference s = ref.getSecretReference();
    if (s == null) {
      throw new DataStoreNotReadyException(dataStore, "a credential has no content");
    }
    Optional<V1Secret> secret = secrets.get(s.getNamespace(), s.getName());
    byte[] value =
        secret.map(x -> x.getData() == null ? null : x.getData().get(s.getKeyPath())).orElse(null);
    if (value == null) {
      throw new DataStoreNotReadyException(
          dataStore,
          "Secret " + s.getNamespace() + "/" + s.getName() + " has no " + s.getKeyPath());
    }
    return value;
  }
}
