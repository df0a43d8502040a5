package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** A Secret and the checksum of its content. */
public final class SecretChecksumStatus {
  private String secretName;
  private String checksum;

  public SecretChecksumStatus secretName(String secretName) {
    this.secretName = secretName;
    return this;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public SecretChecksumStatus checksum(String checksum) {
    this.checksum = checksum;
    return this;
  }

  public String getChecksum() {
    return checksum;
  }

  public void setChecksum(String checksum) {
    this.checksum = checksum;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    SecretChecksumStatus that = (SecretChecksumStatus) o;
    return Objects.equals(secretName, that.secretName) && Objects.equals(checksum, that.checksum);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secretName, checksum);
  }

  @Override
  public String toString() {
    return "SecretChecksumStatus{secretName=" + secretName + ", checksum=" + checksum + "}";
  }
}
