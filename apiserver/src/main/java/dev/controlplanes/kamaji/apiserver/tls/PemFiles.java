package dev.controlplanes.kamaji.apiserver.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads and writes PEM: certificate bundles and unencrypted private keys in PKCS#8 ({@code PRIVATE
 * KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form — the formats
 * kubeadm, cert-manager and openssl produce. Encrypted keys are rejected.
 *
 * <p>Error messages name the source and the PEM type, never the content.
 */
public final class PemFiles {

  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemFiles() {}

  /** All certificates in a PEM file, in file order; fails when there is none. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  /** All certificates in a PEM string, in order; fails when there is none. */
  public static List<X509Certificate> parseCertificates(String pem) throws IOException {
    return parseCertificates(pem, "PEM data");
  }

  /** The single private key in a PEM file. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  /** The single private key in a PEM string. */
  public static PrivateKey parsePrivateKey(String pem) throws IOException {
    return parsePrivateKey(pem, "PEM data");
  }

  /** Certificates as concatenated {@code CERTIFICATE} blocks. */
  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        out.append(block("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateException e) {
        throw new IllegalArgumentException("certificate cannot be encoded", e);
      }
    }
    return out.toString();
  }

  /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  public static String encodePrivateKey(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("key is not PKCS#8 encodable: " + key.getFormat());
    }
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + BASE64.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static List<X509Certificate> parseCertificates(String pem, String source)
      throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (!(object instanceof X509CertificateHolder holder)) {
          throw new IOException(source + ": unexpected PEM block " + typeName(object));
        }
        certificates.add(converter.getCertificate(holder));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new IOException(source + ": invalid certificate", e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(source + ": no PEM certificate found");
    }
    return List.copyOf(certificates);
  }

  private static PrivateKey parsePrivateKey(String pem, String source) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new IOException(source + ": no PEM private key found");
      }
      if (parser.readObject() != null) {
        throw new IOException(source + ": more than one PEM block, expected one private key");
      }
      if (object instanceof PrivateKeyInfo pkcs8) {
        return converter.getPrivateKey(pkcs8);
      }
      if (object instanceof PEMKeyPair pkcs1OrSec1) {
        // Only the private half: SEC1 keys may omit the public key.
        return converter.getPrivateKey(pkcs1OrSec1.getPrivateKeyInfo());
      }
      throw new IOException(source + ": unsupported PEM block " + typeName(object));
    } catch (PEMException | IllegalArgumentException e) {
      throw new IOException(source + ": invalid private key", e);
    }
  }

  private static String typeName(Object object) {
    // Class names only: the object may hold key material.
    return object.getClass().getSimpleName();
  }
}
