package dev.controlplanes.kamaji.controllers.pki;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What goes into one certificate.
 *
 * @param commonName subject CN (the user name of a client certificate)
 * @param organizations subject O values in order (the groups of a client certificate)
 * @param dnsNames DNS subject alternative names, duplicates removed in order
 * @param ipAddresses IP subject alternative names, duplicates removed in order
 * @param usages extended key usages; must be empty for a CA, non-empty for a leaf
 * @param ca whether this is a CA (basicConstraints CA:TRUE, keyCertSign)
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record CertificateSpec(
    String commonName,
    List<String> organizations,
    List<String> dnsNames,
    List<InetAddress> ipAddresses,
    Set<Usage> usages,
    boolean ca,
    Instant notBefore,
    Instant notAfter) {

  /** Extended key usages the tenant PKI writes. */
  public enum Usage {
    SERVER_AUTH,
    CLIENT_AUTH
  }

  public CertificateSpec {
    if (commonName == null || commonName.isEmpty()) {
      throw new IllegalArgumentException("commonName is required");
    }
    organizations = List.copyOf(organizations);
    dnsNames = dnsNames.stream().distinct().toList();
    ipAddresses = ipAddresses.stream().distinct().toList();
    usages = Set.copyOf(usages);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
    if (ca != usages.isEmpty()) {
      // kubeadm refuses leaves without an extended key usage and writes none on CAs.
      throw new IllegalArgumentException(
          ca ? "a CA has no extended key usage" : "a leaf needs an extended key usage");
    }
  }

  /** A CA: kubeadm also puts the CN as a DNS name on its CAs. */
  public static CertificateSpec ca(String commonName, Instant notBefore, Instant notAfter) {
    return new CertificateSpec(
        commonName, List.of(), List.of(commonName), List.of(), Set.of(), true, notBefore, notAfter);
  }

  /** A client certificate: CN = user, O = groups. */
  public static CertificateSpec client(
      String commonName, List<String> groups, Instant notBefore, Instant notAfter) {
    return new CertificateSpec(
        commonName,
        groups,
        List.of(),
        List.of(),
        Set.of(Usage.CLIENT_AUTH),
        false,
        notBefore,
        notAfter);
  }
}
