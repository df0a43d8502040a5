package dev.controlplanes.kamaji.apiserver.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its private key, as issued by {@link CertificateAuthority}. For local
 * development and tests only.
 *
 * @param certificate the leaf (or CA) certificate
 * @param privateKey its private key
 * @param chain what a TLS peer presents: the certificate first, then intermediates; never a
 *     self-signed root unless the certificate itself is one
 */
public record IssuedCertificate(
    X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
  }

  /** The chain in PEM form (certificate first). */
  public String chainPem() {
    return PemFiles.encodeCertificates(chain);
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
  public String privateKeyPem() {
    return PemFiles.encodePrivateKey(privateKey);
  }

  /**
   * Writes the chain and the key as PEM files; the key file is made owner-readable only where the
   * file system supports POSIX permissions.
   */
  public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
    Files.writeString(certificateFile, chainPem(), StandardCharsets.US_ASCII);
    Files.deleteIfExists(privateKeyFile);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          privateKeyFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(privateKeyFile, privateKeyPem(), StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    // Never print key material.
    return "IssuedCertificate[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", serial="
        + certificate.getSerialNumber()
        + "]";
  }
}
