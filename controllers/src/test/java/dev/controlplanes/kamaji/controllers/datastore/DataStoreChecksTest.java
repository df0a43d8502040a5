package dev.controlplanes.kamaji.controllers.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.BasicAuth;
import dev.controlplanes.kamaji.api.v1alpha1.CertKeyPair;
import dev.controlplanes.kamaji.api.v1alpha1.ContentRef;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.SecretReference;
import dev.controlplanes.kamaji.api.v1alpha1.TlsConfig;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataStoreChecksTest {

  private static ContentRef ref(String name, String key) {
    return new ContentRef()
        .secretReference(new SecretReference().name(name).namespace("kamaji-system").keyPath(key));
  }

  private static DataStore postgres(BasicAuth auth, TlsConfig tls) {
    return new DataStore()
        .metadata(new V1ObjectMeta().name("pg"))
        .spec(
            new DataStoreSpec()
                .driver("PostgreSQL")
                .endpoints(List.of("127.0.0.1:5432"))
                .basicAuth(auth)
                .tlsConfig(tls));
  }

  @Test
  void inlineContentAndExistingSecretKeysAreValid() {
    DataStore ds =
        postgres(
            new BasicAuth()
                .username(new ContentRef().content("cm9vdA=="))
                .password(ref("pg", "pw")),
            null);

    DataStoreChecks.Verdict verdict =
        DataStoreChecks.validate(
            ds, r -> Set.of("pg/pw").contains(r.getName() + "/" + r.getKeyPath()));

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.reason()).isEqualTo(DataStoreChecks.VALID);
  }

  @Test
  void aMissingBasicAuthSecretFailsWithItsReason() {
    DataStore ds =
        postgres(new BasicAuth().username(ref("pg", "user")).password(ref("pg", "pw")), null);

    DataStoreChecks.Verdict verdict = DataStoreChecks.validate(ds, r -> false);

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).isEqualTo(DataStoreChecks.BASIC_AUTH_FAILED);
    assertThat(verdict.message()).contains("basicAuth.username", "kamaji-system/pg");
  }

  @Test
  void aMissingTlsSecretFailsWithItsReason() {
    DataStore ds =
        postgres(
            null,
            new TlsConfig()
                .certificateAuthority(new CertKeyPair().certificate(ref("ca", "tls.crt")))
                .clientCertificate(
                    new CertKeyPair().certificate(ref("c", "tls.crt")).privateKey(ref("c", "k"))));

    DataStoreChecks.Verdict verdict =
        DataStoreChecks.validate(ds, r -> !r.getName().equals("c") || !r.getKeyPath().equals("k"));

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).isEqualTo(DataStoreChecks.TLS_FAILED);
    assertThat(verdict.message()).contains("tlsConfig.clientCertificate.privateKey");
  }
}
