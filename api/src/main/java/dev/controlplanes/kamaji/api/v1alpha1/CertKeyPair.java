package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** A certificate and, where needed, its private key. */
public final class CertKeyPair {
  private ContentRef certificate;
  private ContentRef privateKey;

  public CertKeyPair certificate(ContentRef certificate) {
    this.certificate = certificate;
    return this;
  }

  public ContentRef getCertificate() {
    return certificate;
  }

  public void setCertificate(ContentRef certificate) {
    this.certificate = certificate;
  }

  public CertKeyPair privateKey(ContentRef privateKey) {
    this.privateKey = privateKey;
    return this;
  }

  public ContentRef getPrivateKey() {
    return privateKey;
  }

  public void setPrivateKey(ContentRef privateKey) {
    this.privateKey = privateKey;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    CertKeyPair that = (CertKeyPair) o;
    return Objects.equals(certificate, that.certificate)
        && Objects.equals(privateKey, that.privateKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(certificate, privateKey);
  }

  @Override
  public String toString() {
    return "CertKeyPair{certificate=" + certificate + ", privateKey=" + privateKey + "}";
  }
}
