package dev.controlplanes.kamaji.controllers.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.CertKeyPair;
import dev.controlplanes.kamaji.api.v1alpha1.ContentRef;
import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.SecretReference;
import java.util.function.Predicate;

/**
 * Kamaji's DataStore validation (§2): every credential given by Secret reference must point at an
 * existing Secret key. It does not connect to the datastore.
 */
public final class DataStoreChecks {

  public static final String VALID = "DataStoreIsValid";
  public static final String BASIC_AUTH_FAILED = "BasicAuthValidationFailed";
  public static final String TLS_FAILED = "TLSConfigurationValidationFailed";

  /** The outcome: a condition reason and a message (never a credential). */
  public record Verdict(boolean valid, String reason, String message) {}

  private DataStoreChecks() {}

  /** {@code exists} tells whether a referenced Secret exists and has the key. */
  public static Verdict validate(DataStore dataStore, Predicate<SecretReference> exists) {
    var spec = dataStore.getSpec();
    if (spec != null && spec.getBasicAuth() != null) {
      String missing =
          firstMissing(
              exists,
              spec.getBasicAuth().getUsername(),
              "basicAuth.username",
              spec.getBasicAuth().getPassword(),
              "basicAuth.password");
      if (missing != null) {
        return new Verdict(false, BASIC_AUTH_FAILED, missing);
      }
    }
    if (spec != null && spec.getTlsConfig() != null) {
      CertKeyPair ca = spec.getTlsConfig().getCertificateAuthority();
      CertKeyPair client = spec.getTlsConfig().getClientCertificate();
      String missing =
          firstMissing(
              exists,
              ca == null ? null : ca.getCertificate(),
              "tlsConfig.certificateAuthority.certificate",
              ca == null ? null : ca.getPrivateKey(),
              "tlsConfig.certificateAuthority.privateKey",
              client == null ? null : client.getCertificate(),
              "tlsConfig.clientCertificate.certificate",
              client == null ? null : client.getPrivateKey(),
              "tlsConfig.clientCertificate.privateKey");
      if (missing != null) {
        return new Verdict(false, TLS_FAILED, missing);
      }
    }
    return new Verdict(true, VALID, "the DataStore is valid");
  }

  /** Pairs of (ref, field); a null ref is a field that is not set. */
  private static String firstMissing(Predicate<SecretReference> exists, Object... refsAndFields) {
    for (int i = 0; i < refsAndFields.length; i += 2) {
      ContentRef ref = (ContentRef) refsAndFields[i];
      if (ref == null) {
        continue;
      }
      boolean inline = ref.getContent() != null && !ref.getContent().isEmpty();
      SecretReference secret = ref.getSecretReference();
      if (inline) {
        continue; // inline content wins over a reference
      }
      if (secret == null) {
        return refsAndFields[i + 1] + " has neither content nor a secretReference";
      }
      if (!exists.test(secret)) {
        return refsAndFields[i + 1]
            + " refers to Secret "
            + secret.getNamespace()
            + "/"
            + secret.getName()
            + " key "
            + secret.getKeyPath()
            + ", which does not exist";
      }
    }
    return null;
  }
}
