package dev.controlplanes.kamaji.storage.datastore.sql;

import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * JDBC drivers read TLS material from files: this writes the PEM of a {@link DataStoreEndpoint.Tls}
 * into a directory only the current user can read, deleted on {@link #close()}.
 */
public final class TlsFiles implements AutoCloseable {

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private final Path dir;
  private final Path ca;
  private final Path certificate;
  private final Path key;

  private TlsFiles(Path dir, Path ca, Path certificate, Path key) {
    this.dir = dir;
    this.ca = ca;
    this.certificate = certificate;
    this.key = key;
  }

  /**
   * Writes the files; with {@code derKey} the PKCS#8 PEM key is written as DER ({@code .pk8}), the
   * form pgjdbc reads.
   */
  public static TlsFiles write(DataStoreEndpoint.Tls tls, boolean derKey) {
    Path dir = null;
    try {
      dir =
          Files.createTempDirectory(
              "kamaji-datastore-tls-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path ca = writePrivate(dir.resolve("ca.crt"), tls.caCertificate());
      if (!tls.hasClientCertificate()) {
        return new TlsFiles(dir, ca, null, null);
      }
      Path certificate = writePrivate(dir.resolve("client.crt"), tls.clientCertificate());
      Path key =
          derKey
              ? writePrivate(dir.resolve("client.pk8"), pkcs8Der(tls.clientKey()))
              : writePrivate(dir.resolve("client.key"), tls.clientKey());
      return new TlsFiles(dir, ca, certificate, key);
    } catch (IOException e) {
      if (dir != null) {
        deleteQuietly(dir);
      }
      throw new UncheckedIOException("cannot write the DataStore TLS files", e);
    }
  }

  public Path ca() {
    return ca;
  }

  /** The client certificate, or null. */
  public Path certificate() {
    return certificate;
  }

  /** The client key, or null. */
  public Path key() {
    return key;
  }

  @Override
  public void close() {
    deleteQuietly(dir);
  }

  /** The CN of a PEM certificate's subject, or null when it has none. */
  public static String commonName(byte[] certificatePem) {
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(certificatePem));
      LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName());
      for (Rdn rdn : subject.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
      return null;
    } catch (CertificateException | InvalidNameException e) {
      throw new IllegalArgumentException("the client certificate cannot be read", e);
    }
  }

  /** Created 0600 from the start: pgjdbc refuses a key that others can read. */
  private static Path writePrivate(Path file, byte[] content) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.write(file, content);
  }

  private static byte[] pkcs8Der(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf(PKCS8_BEGIN);
    int end = text.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      // The key itself is never part of the message.
      throw new IllegalArgumentException("the client key is not a PKCS#8 PEM (BEGIN PRIVATE KEY)");
    }
    return Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: the directory is private to this user.
    }
  }
}
