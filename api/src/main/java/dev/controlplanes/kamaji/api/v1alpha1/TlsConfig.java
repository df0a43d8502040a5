package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** TLS material of a DataStore connection. */
public final class TlsConfig {
  private CertKeyPair certificateAuthority;
  private CertKeyPair clientCertificate;

  public TlsConfig certificateAuthority(CertKeyPair certificateAuthority) {
    this.certificateAuthority = certificateAuthority;
    return this;
  }

  public CertKeyPair getCertificateAuthority() {
    return certificateAuthority;
  }

  public void setCertificateAuthority(CertKeyPair certificateAuthority) {
    this.certificateAuthority = certificateAuthority;
  }

  public TlsConfig clientCertificate(CertKeyPair clientCertificate) {
    this.clientCertificate = clientCertificate;
    return this;
  }

  public CertKeyPair getClientCertificate() {
    return clientCertificate;
  }

  public void setClientCertificate(CertKeyPair clientCertificate) {
    this.clientCertificate = clientCertificate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    TlsConfig that = (TlsConfig) o;
    return Objects.equals(certificateAuthority, that.certificateAuthority)
        && Objects.equals(clientCertificate, that.clientCertificate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(certificateAuthority, clientCertificate);
  }

  @Override
  public String toString() {
    return "TlsConfig{certificateAuthority="
        + certificateAuthority
        + ", clientCertificate="
        + clientCertificate
        + "}";
  }
}
