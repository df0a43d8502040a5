package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Tenant writes blocked by the write-permission webhook installed in the tenant cluster. */
public final class WritePermissions {
  private Boolean blockCreation;
  private Boolean blockUpdate;
  private Boolean blockDeletion;

  public WritePermissions blockCreation(Boolean blockCreation) {
    this.blockCreation = blockCreation;
    return this;
  }

  public Boolean getBlockCreation() {
    return blockCreation;
  }

  public void setBlockCreation(Boolean blockCreation) {
    this.blockCreation = blockCreation;
  }

  public WritePermissions blockUpdate(Boolean blockUpdate) {
    this.blockUpdate = blockUpdate;
    return this;
  }

  public Boolean getBlockUpdate() {
    return blockUpdate;
  }

  public void setBlockUpdate(Boolean blockUpdate) {
    this.blockUpdate = blockUpdate;
  }

  public WritePermissions blockDeletion(Boolean blockDeletion) {
    this.blockDeletion = blockDeletion;
    return this;
  }

  public Boolean getBlockDeletion() {
    return blockDeletion;
  }

  public void setBlockDeletion(Boolean blockDeletion) {
    this.blockDeletion = blockDeletion;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    WritePermissions that = (WritePermissions) o;
    return Objects.equals(blockCreation, that.blockCreation)
        && Objects.equals(blockUpdate, that.blockUpdate)
        && Objects.equals(blockDeletion, that.blockDeletion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(blockCreation, blockUpdate, blockDeletion);
  }

  @Override
  public String toString() {
    return "WritePermissions{blockCreation="
        + blockCreation
        + ", blockUpdate="
        + blockUpdate
        + ", blockDeletion="
        + blockDeletion
        + "}";
  }
}
