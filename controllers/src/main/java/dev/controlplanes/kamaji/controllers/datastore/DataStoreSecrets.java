package dev.controlplanes.kamaji.controllers.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.CertKeyPair;
import dev.controlplanes.kamaji.api.v1alpha1.ContentRef;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Secrets a DataStore takes credentials from ({@code namespace/name}), so that a change of one
 * (a rotated CA or client certificate) re-validates the DataStore and re-triggers its tenants, as
 * Kamaji's Secret index does.
 */
public final class DataStoreSecrets {

  private DataStoreSecrets() {}

  public static Set<String> referencedBy(DataStore dataStore) {
    Set<String> secrets = new TreeSet<>();
    var spec = dataStore.getSpec();
    if (spec == null) {
      return secrets;
    }
    Stream.Builder<ContentRef> refs = Stream.builder();
    if (spec.getBasicAuth() != null) {
      refs.add(spec.getBasicAuth().getUsername()).add(spec.getBasicAuth().getPassword());
    }
    if (spec.getTlsConfig() != null) {
      for (CertKeyPair pair :
          new CertKeyPair[] {
            spec.getTlsConfig().getCertificateAuthority(),
            spec.getTlsConfig().getClientCertificate()
          }) {
        if (pair != null) {
          refs.add(pair.getCertificate()).add(pair.getPrivateKey());
        }
      }
    }
    refs.build()
        .filter(r -> r != null && r.getSecretReference() != null)
        .map(ContentRef::getSecretReference)
        .filter(s -> s.getName() != null && s.getNamespace() != null)
        .forEach(s -> secrets.add(s.getNamespace() + "/" + s.getName()));
    return secrets;
  }
}
