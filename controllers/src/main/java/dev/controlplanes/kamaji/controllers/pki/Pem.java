package dev.controlplanes.kamaji.controllers.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM encoding and decoding with the block types Kubernetes writes (client-go {@code keyutil}):
 * {@code CERTIFICATE}, {@code RSA PRIVATE KEY} (PKCS#1), {@code EC PRIVATE KEY} (SEC 1, with the
 * named curve and public key so Go's parser accepts it) and {@code PUBLIC KEY} (PKIX). Reading also
 * accepts PKCS#8 {@code PRIVATE KEY}.
 */
public final class Pem {

  public static final String CERTIFICATE = "CERTIFICATE";
  public static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
  public static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
  public static final String PRIVATE_KEY = "PRIVATE KEY";
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  private static final JcaPEMKeyConverter KEY_CONVERTER = new JcaPEMKeyConverter();

  /**
   * EC keys are read into BouncyCastle's provider, which signs with them: a key of another provider
   * would be converted on every signature, with its base point's comb table rebuilt each time
   * (three times slower, measured).
   */
  private static final JcaPEMKeyConverter EC_KEY_CONVERTER =
      new JcaPEMKeyConverter().setProvider(KeyAlgorithm.ECDSA_P256.provider());

  private Pem() {}

  /** One {@code CERTIFICATE} block. */
  public static byte[] encodeCertificate(X509Certificate certificate) {
    try {
      return encode(CERTIFICATE, certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /**
   * The private key of {@code keys} as client-go writes it: PKCS#1 for RSA, SEC 1 for EC. The
   * public half is needed because SEC 1 carries the public point and Go requires the curve.
   */
  public static byte[] encodePrivateKey(KeyPair keys) {
    PrivateKey key = keys.getPrivate();
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      if (key instanceof RSAPrivateKey) {
        return encode(RSA_PRIVATE_KEY, info.parsePrivateKey().toASN1Primitive().getEncoded());
      }
      if (key instanceof ECPrivateKey ec && keys.getPublic() instanceof ECPublicKey) {
        SubjectPublicKeyInfo publicInfo =
            SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        ASN1ObjectIdentifier curve =
            ASN1ObjectIdentifier.getInstance(
                X962Parameters.getInstance(algorithm.getParameters()).getParameters());
        int orderBits = ec.getParams().getOrder().bitLength();
        BigInteger d = ec.getS();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                orderBits,
                d,
                new DERBitString(publicInfo.getPublicKeyData().getBytes()),
                new X962Parameters(curve));
        return encode(EC_PRIVATE_KEY, sec1.getEncoded());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode private key", e);
    }
    throw new IllegalArgumentException("unsupported private key type " + key.getAlgorithm());
  }

  /** A PKIX {@code PUBLIC KEY} block (what kubeadm writes to sa.pub). */
  public static byte[] encodePublicKey(PublicKey key) {
    return encode(PUBLIC_KEY, key.getEncoded());
  }

  /** The first {@code CERTIFICATE} block; other blocks before it are skipped. */
  public static X509Certificate decodeCertificate(byte[] pem) {
    List<X509Certificate> certificates = decodeCertificates(pem);
    if (certificates.isEmpty()) {
      throw new PemException("no CERTIFICATE block");
    }
    return certificates.get(0);
  }

  /** Every {@code CERTIFICATE} block, in order. */
  public static List<X509Certificate> decodeCertificates(byte[] pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (PemObject object : blocks(pem)) {
      if (CERTIFICATE.equals(object.getType())) {
        certificates.add(parseCertificate(object.getContent()));
      }
    }
    return certificates;
  }

  /**
   * The first private key block, PKCS#1, SEC 1 or PKCS#8, as a key pair. For PKCS#8 RSA keys the
   * public half is derived from the private CRT parameters.
   */
  public static KeyPair decodePrivateKey(byte[] pem) {
    try (PEMParser parser = parser(pem)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PEMKeyPair pair) {
          // SEC 1 keys may omit the public point; derive it then.
          JcaPEMKeyConverter converter = converterFor(pair.getPrivateKeyInfo());
          return pair.getPublicKeyInfo() == null
              ? KeyPairs.fromPrivateKey(converter.getPrivateKey(pair.getPrivateKeyInfo()))
              : converter.getKeyPair(pair);
        }
        if (object instanceof PrivateKeyInfo info) {
          return KeyPairs.fromPrivateKey(converterFor(info).getPrivateKey(info));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("unreadable private key", e);
    }
    throw new PemException("no private key block");
  }

  private static JcaPEMKeyConverter converterFor(PrivateKeyInfo info) {
    return X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
        ? EC_KEY_CONVERTER
        : KEY_CONVERTER;
  }

  /** The first {@code PUBLIC KEY} block. */
  public static PublicKey decodePublicKey(byte[] pem) {
    try (PEMParser parser = parser(pem)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof SubjectPublicKeyInfo info) {
          return KEY_CONVERTER.getPublicKey(info);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("unreadable public key", e);
    }
    throw new PemException("no PUBLIC KEY block");
  }

  static byte[] encode(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<PemObject> blocks(byte[] pem) {
    List<PemObject> objects = new ArrayList<>();
    try (org.bouncycastle.util.io.pem.PemReader reader =
        new org.bouncycastle.util.io.pem.PemReader(
            new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      for (PemObject object = reader.readPemObject();
          object != null;
          object = reader.readPemObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("unreadable PEM", e);
    }
    return objects;
  }

  private static X509Certificate parseCertificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new PemException("unreadable certificate", e);
    }
  }

  private static PEMParser parser(byte[] pem) {
    return new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)));
  }
}
