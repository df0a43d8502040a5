package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A generated Secret (certificate or kubeconfig): name, content checksum, last write. */
public final class SecretStatus {
  private String secretName;
  private String checksum;
  private OffsetDateTime lastUpdate;

  public SecretStatus secretName(String secretName) {
    this.secretName = secretName;
    return this;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public SecretStatus checksum(String checksum) {
    this.checksum = checksum;
    return this;
  }

  public String getChecksum() {
    return checksum;
  }

  public void setChecksum(String checksum) {
    this.checksum = checksum;
  }

  public SecretStatus lastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
    return this;
  }

  public OffsetDateTime getLastUpdate() {
    return lastUpdate;
  }

  public void setLastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    SecretStatus that = (SecretStatus) o;
    return Objects.equals(secretName, that.secretName)
        && Objects.equals(checksum, that.checksum)
        && Objects.equals(lastUpdate, that.lastUpdate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secretName, checksum, lastUpdate);
  }

  @Override
  public String toString() {
    return "SecretStatus{secretName="
        + secretName
        + ", checksum="
        + checksum
        + ", lastUpdate="
        + lastUpdate
        + "}";
  }
}
