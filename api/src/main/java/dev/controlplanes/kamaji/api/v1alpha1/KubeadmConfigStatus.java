package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** {@code status.kubeadmconfig}. */
public final class KubeadmConfigStatus {
  private String configmapName;
  private OffsetDateTime lastUpdate;
  private String checksum;

  public KubeadmConfigStatus configmapName(String configmapName) {
    this.configmapName = configmapName;
    return this;
  }

  public String getConfigmapName() {
    return configmapName;
  }

  public void setConfigmapName(String configmapName) {
    this.configmapName = configmapName;
  }

  public KubeadmConfigStatus lastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
    return this;
  }

  public OffsetDateTime getLastUpdate() {
    return lastUpdate;
  }

  public void setLastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
  }

  public KubeadmConfigStatus checksum(String checksum) {
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
    KubeadmConfigStatus that = (KubeadmConfigStatus) o;
    return Objects.equals(configmapName, that.configmapName)
        && Objects.equals(lastUpdate, that.lastUpdate)
        && Objects.equals(checksum, that.checksum);
  }

  @Override
  public int hashCode() {
    return Objects.hash(configmapName, lastUpdate, checksum);
  }

  @Override
  public String toString() {
    return "KubeadmConfigStatus{configmapName="
        + configmapName
        + ", lastUpdate="
        + lastUpdate
        + ", checksum="
        + checksum
        + "}";
  }
}
