package dev.controlplanes.kamaji.controllers.pki;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The data of one PKI Secret, ready to be written.
 *
 * @param secret which Secret (name suffix, keys, type)
 * @param name the Secret name, {@code <tcp>-<suffix>}
 * @param data data keys to PEM or kubeconfig bytes, in {@link PkiSecret#dataKeys()} order
 */
public record SecretContent(PkiSecret secret, String name, Map<String, byte[]> data) {

  public SecretContent {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(name, "name");
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    for (String key : secret.dataKeys()) {
      byte[] value = data.get(key);
      if (value != null) {
        ordered.put(key, value);
      }
    }
    if (ordered.size() != data.size()) {
      throw new IllegalArgumentException(secret + " does not carry keys " + data.keySet());
    }
    data = Collections.unmodifiableMap(ordered);
  }

  /** The certificate and key of this content (see {@link PkiSecret#bundle}). */
  public CertificateBundle bundle() {
    return secret.bundle(data);
  }

  @Override
  public String toString() {
    // Values are secrets: print only the keys.
    return "SecretContent[" + name + " " + data.keySet() + "]";
  }
}
