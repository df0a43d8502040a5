package dev.controlplanes.kamaji.controllers.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate with its key pair, e.g. a CA that signs others, or a freshly issued leaf.
 *
 * @param certificate the certificate
 * @param keys its key pair
 */
public record CertificateBundle(X509Certificate certificate, KeyPair keys) {

  public CertificateBundle {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(keys, "keys");
  }

  /**
   * Reads a certificate and its private key, e.g. {@code ca.crt}/{@code ca.key} from a Secret.
   *
   * @throws PemException if either is unreadable or the key does not belong to the certificate
   */
  public static CertificateBundle fromPem(byte[] certificatePem, byte[] privateKeyPem) {
    X509Certificate certificate = Pem.decodeCertificate(certificatePem);
    KeyPair keys = KeyPairs.fromPrivateKey(Pem.decodePrivateKey(privateKeyPem).getPrivate());
    if (!KeyPairs.matches(certificate.getPublicKey(), keys)) {
      throw new PemException("the private key does not belong to the certificate");
    }
    return new CertificateBundle(certificate, keys);
  }

  /** The certificate as one {@code CERTIFICATE} PEM block. */
  public byte[] certificatePem() {
    return Pem.encodeCertificate(certificate);
  }

  /** The private key as client-go writes it ({@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}). */
  public byte[] privateKeyPem() {
    return Pem.encodePrivateKey(keys);
  }

  @Override
  public String toString() {
    // Never print the key.
    return "CertificateBundle[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
