package dev.controlplanes.kamaji.api.v1alpha1;

import java.time.OffsetDateTime;
import java.util.Objects;

/** The schema and user created on the DataStore. */
public final class DataStoreSetupStatus {
  private String schema;
  private String user;
  private OffsetDateTime lastUpdate;
  private String checksum;

  public DataStoreSetupStatus schema(String schema) {
    this.schema = schema;
    return this;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public DataStoreSetupStatus user(String user) {
    this.user = user;
    return this;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public DataStoreSetupStatus lastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
    return this;
  }

  public OffsetDateTime getLastUpdate() {
    return lastUpdate;
  }

  public void setLastUpdate(OffsetDateTime lastUpdate) {
    this.lastUpdate = lastUpdate;
  }

  public DataStoreSetupStatus checksum(String checksum) {
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
    DataStoreSetupStatus that = (DataStoreSetupStatus) o;
    return Objects.equals(schema, that.schema)
        && Objects.equals(user, that.user)
        && Objects.equals(lastUpdate, that.lastUpdate)
        && Objects.equals(checksum, that.checksum);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, user, lastUpdate, checksum);
  }

  @Override
  public String toString() {
    return "DataStoreSetupStatus{schema="
        + schema
        + ", user="
        + user
        + ", lastUpdate="
        + lastUpdate
        + ", checksum="
        + checksum
        + "}";
  }
}
