package dev.controlplanes.kamaji.controllers.resources.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.SecretStatus;
import dev.controlplanes.kamaji.api.v1alpha1.StorageStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.DataStoreNotReadyException;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.Labels;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.model.Owners;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts;
import dev.controlplanes.kamaji.controllers.pki.CertificateBundle;
import dev.controlplanes.kamaji.controllers.pki.CertificateChecks;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import dev.controlplanes.kamaji.controllers.resources.OwnedObjectResource;
import dev.controlplanes.kamaji.controllers.resources.StatusFields;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.certificates.TenantPki;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Secret {@code <tcp>-datastore-certificate} (§3.2 item 7): for etcd a client certificate (CN = the
 * tenant's DB user) minted with the DataStore CA and kept while valid; for SQL the DataStore's own
 * client certificate; empty without TLS. Records {@code status.storage.certificate}.
 */
public final class DataStoreCertificateResource extends OwnedObjectResource<V1Secret> {

  public DataStoreCertificateResource(TenantContext context) {
    super(context, context.clients().secrets(), V1Secret.class);
  }

  @Override
  public String name() {
    return "datastore-certificate";
  }

  @Override
  protected V1Secret desired(TenantControlPlane tcp) {
    String namespace = tcp.getMetadata().getNamespace();
    String name = Names.dataStoreCertificate(tcp);
    DataStore dataStore = context.dataStore();
    DataStoreCredentials credentials = new DataStoreCredentials(context.clients());
    Map<String, byte[]> data = new TreeMap<>();
    if (dataStore.getSpec().getTlsConfig() != null) {
      byte[][] ca = credentials.certificateAuthority(dataStore);
      if (DataStoreDriver.ETCD.equals(dataStore.getSpec().getDriver())) {
        data.putAll(etcdClientCertificate(tcp, namespace, name, ca));
      } else {
        var endpoint = credentials.endpoint(dataStore);
        data.put("ca.crt", ca[0]);
        if (endpoint.tls() != null && endpoint.tls().hasClientCertificate()) {
          data.put("server.crt", endpoint.tls().clientCertificate());
          data.put("server.key", endpoint.tls().clientKey());
        }
      }
    }
    context.pass().secrets().put(name, data);
    SortedMap<String, String> labels =
        Labels.kamaji(tcp.getMetadata().getName(), "datastore-certificate");
    return new V1Secret()
        .apiVersion("v1")
        .kind("Secret")
        .type("Opaque")
        .metadata(
            new V1ObjectMeta()
                .name(name)
                .namespace(namespace)
                .labels(labels)
                .ownerReferences(List.of(Owners.controllerReference(tcp))))
        .data(data);
  }

  private Map<String, byte[]> etcdClientCertificate(
      TenantControlPlane tcp, String namespace, String name, byte[][] ca) {
    if (ca[1] == null) {
      throw new DataStoreNotReadyException(
          context.dataStore().getMetadata().getName(), "an etcd DataStore needs its CA key");
    }
    Map<String, byte[]> existing = context.secretData(namespace, name);
    TenantCertificates pki = TenantPki.of(tcp, context);
    if (!existing.isEmpty() && java.util.Arrays.equals(existing.get("ca.crt"), ca[0])) {
      CertificateChecks.Verdict verdict =
          pki.verify(
              new CertificateChecks(
                  context.options().certificateExpirationDeadline(), context.clock()),
              PkiSecret.DATASTORE_CERTIFICATE,
              existing,
              Map.of(),
              ca[0]);
      if (!verdict.mustRegenerate()) {
        return existing;
      }
    }
    return TenantCertificates.datastoreCertificate(
            tcp.getMetadata().getName(),
            ResolvedFacts.effectiveUser(tcp),
            CertificateBundle.fromPem(ca[0], ca[1]),
            pki.parameters().algorithm(),
            context.clock())
        .data();
  }

  private String checksum() {
    return Checksums.ofSecretData(
        applied.object().getData() == null ? Map.of() : applied.object().getData());
  }

  @Override
  public boolean shouldUpdateStatus(TenantControlPlane tcp) {
    StorageStatus s = tcp.getStatus() == null ? null : tcp.getStatus().getStorage();
    SecretStatus current = s == null ? null : s.getCertificate();
    return current == null
        || !Objects.equals(current.getChecksum(), checksum())
        || !Objects.equals(current.getSecretName(), applied.object().getMetadata().getName());
  }

  @Override
  public void updateStatus(TenantControlPlane tcp) {
    StatusFields.storage(tcp)
        .setCertificate(
            new SecretStatus()
                .secretName(applied.object().getMetadata().getName())
                .checksum(checksum())
                .lastUpdate(OffsetDateTime.now(context.clock())));
  }
}
