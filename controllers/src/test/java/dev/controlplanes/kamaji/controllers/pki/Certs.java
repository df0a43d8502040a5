package dev.controlplanes.kamaji.controllers.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reads the parts of a certificate the tests assert on. */
final class Certs {

  private Certs() {}

  static String commonName(X509Certificate certificate) {
    return values(certificate, BCStyle.CN).get(0);
  }

  static List<String> organizations(X509Certificate certificate) {
    return values(certificate, BCStyle.O);
  }

  static List<String> extendedUsages(X509Certificate certificate) throws Exception {
    List<String> usages = certificate.getExtendedKeyUsage();
    return usages == null ? List.of() : usages;
  }

  /** Names of the keyUsage bits that are set. */
  static List<String> keyUsages(X509Certificate certificate) {
    String[] names = {
      "digitalSignature",
      "nonRepudiation",
      "keyEncipherment",
      "dataEncipherment",
      "keyAgreement",
      "keyCertSign",
      "cRLSign",
      "encipherOnly",
      "decipherOnly"
    };
    boolean[] bits = certificate.getKeyUsage();
    List<String> set = new ArrayList<>();
    for (int i = 0; bits != null && i < bits.length; i++) {
      if (bits[i]) {
        set.add(names[i]);
      }
    }
    return set;
  }

  static List<String> sans(X509Certificate certificate, int type)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    List<String> values = new ArrayList<>();
    if (names != null) {
      for (List<?> name : names) {
        if ((Integer) name.get(0) == type) {
          values.add((String) name.get(1));
        }
      }
    }
    return values;
  }

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private static List<String> values(
      X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] rdns = name.getRDNs(type);
    return Arrays.stream(rdns)
        .map(rdn -> IETFUtils.valueToString(rdn.getFirst().getValue()))
        .toList();
  }
}
