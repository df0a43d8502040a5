package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** A ConfigMap and the checksum of its content. */
public final class ConfigMapChecksumStatus {
  private String name;
  private String checksum;

  public ConfigMapChecksumStatus name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ConfigMapChecksumStatus checksum(String checksum) {
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
    ConfigMapChecksumStatus that = (ConfigMapChecksumStatus) o;
    return Objects.equals(name, that.name) && Objects.equals(checksum, that.checksum);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, checksum);
  }

  @Override
  public String toString() {
    return "ConfigMapChecksumStatus{name=" + name + ", checksum=" + checksum + "}";
  }
}
