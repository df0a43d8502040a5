package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.storage}: the DataStore in use and what was set up on it. */
public final class StorageStatus {
  private String driver;
  private String dataStoreName;
  private SecretChecksumStatus config;
  private DataStoreSetupStatus setup;
  private SecretStatus certificate;

  public StorageStatus driver(String driver) {
    this.driver = driver;
    return this;
  }

  public String getDriver() {
    return driver;
  }

  public void setDriver(String driver) {
    this.driver = driver;
  }

  public StorageStatus dataStoreName(String dataStoreName) {
    this.dataStoreName = dataStoreName;
    return this;
  }

  public String getDataStoreName() {
    return dataStoreName;
  }

  public void setDataStoreName(String dataStoreName) {
    this.dataStoreName = dataStoreName;
  }

  public StorageStatus config(SecretChecksumStatus config) {
    this.config = config;
    return this;
  }

  public SecretChecksumStatus getConfig() {
    return config;
  }

  public void setConfig(SecretChecksumStatus config) {
    this.config = config;
  }

  public StorageStatus setup(DataStoreSetupStatus setup) {
    this.setup = setup;
    return this;
  }

  public DataStoreSetupStatus getSetup() {
    return setup;
  }

  public void setSetup(DataStoreSetupStatus setup) {
    this.setup = setup;
  }

  public StorageStatus certificate(SecretStatus certificate) {
    this.certificate = certificate;
    return this;
  }

  public SecretStatus getCertificate() {
    return certificate;
  }

  public void setCertificate(SecretStatus certificate) {
    this.certificate = certificate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    StorageStatus that = (StorageStatus) o;
    return Objects.equals(driver, that.driver)
        && Objects.equals(dataStoreName, that.dataStoreName)
        && Objects.equals(config, that.config)
        && Objects.equals(setup, that.setup)
        && Objects.equals(certificate, that.certificate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(driver, dataStoreName, config, setup, certificate);
  }

  @Override
  public String toString() {
    return "StorageStatus{driver="
        + driver
        + ", dataStoreName="
        + dataStoreName
        + ", config="
        + config
        + ", setup="
        + setup
        + ", certificate="
        + certificate
        + "}";
  }
}
