package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** The checksum and time of the last run of a kubeadm phase. */
public final class KubeadmPhaseStatus {
  private String checksum;
  private OffsetDateTime lastUpdate;

  public KubeadmPhaseStatus checksum(String checksum) {
    this.checksum = checksum;
    return this;
  }

  public String getChecksum() {
    return checksum;
  }

  public void setChecksum(String checksum) {
    this.checksum = checksum;
  }

  public KubeadmPhaseStatus lastUpdate(OffsetDateTime lastUpdate) {
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
    KubeadmPhaseStatus that = (KubeadmPhaseStatus) o;
    return Objects.equals(checksum, that.checksum) && Objects.equals(lastUpdate, that.lastUpdate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(checksum, lastUpdate);
  }

  @Override
  public String toString() {
    return "KubeadmPhaseStatus{checksum=" + checksum + ", lastUpdate=" + lastUpdate + "}";
  }
}
