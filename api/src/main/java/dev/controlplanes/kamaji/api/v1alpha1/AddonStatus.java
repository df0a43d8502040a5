package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** Whether an addon is installed and when it was last written. */
public final class AddonStatus {
  private Boolean enabled;
  private OffsetDateTime lastUpdate;

  public AddonStatus enabled(Boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public AddonStatus lastUpdate(OffsetDateTime lastUpdate) {
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
    AddonStatus that = (AddonStatus) o;
    return Objects.equals(enabled, that.enabled) && Objects.equals(lastUpdate, that.lastUpdate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, lastUpdate);
  }

  @Override
  public String toString() {
    return "AddonStatus{enabled=" + enabled + ", lastUpdate=" + lastUpdate + "}";
  }
}
