package dev.controlplanes.kamaji.controllers.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.BasicAuth;
import dev.controlplanes.kamaji.api.v1alpha1.CertKeyPair;
import dev.controlplanes.kamaji.api.v1alpha1.ContentRef;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.SecretReference;
import dev.controlplanes.kamaji.api.v1alpha1.TlsConfig;
import org.junit.jupiter.api.Test;

class DataStoreSecretsTest {

  private static ContentRef ref(String ns, String name) {
    return new ContentRef()
        .secretReference(new SecretReference().namespace(ns).name(name).keyPath("k"));
  }

  @Test
  void listsEveryReferencedSecretOnceAndIgnoresInlineContent() {
    DataStore ds =
        new DataStore()
            .spec(
                new DataStoreSpec()
                    .driver("PostgreSQL")
                    .basicAuth(
                        new BasicAuth()
                            .username(new ContentRef().content("cm9vdA=="))
                            .password(ref("db", "root")))
                    .tlsConfig(
                        new TlsConfig()
                            .certificateAuthority(new CertKeyPair().certificate(ref("db", "ca")))
                            .clientCertificate(
                                new CertKeyPair()
                                    .certificate(ref("db", "client"))
                                    .privateKey(ref("db", "client")))));

    assertThat(DataStoreSecrets.referencedBy(ds)).containsExactly("db/ca", "db/client", "db/root");
  }
}
