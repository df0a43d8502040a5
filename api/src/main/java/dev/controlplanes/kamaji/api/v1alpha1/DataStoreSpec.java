package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** The desired state of a DataStore. */
public final class DataStoreSpec {
  private String driver;
  private List<String> endpoints;
  private BasicAuth basicAuth;
  private TlsConfig tlsConfig;

  public DataStoreSpec driver(String driver) {
    this.driver = driver;
    return this;
  }

  public String getDriver() {
    return driver;
  }

  public void setDriver(String driver) {
    this.driver = driver;
  }

  public DataStoreSpec endpoints(List<String> endpoints) {
    this.endpoints = endpoints;
    return this;
  }

  public List<String> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<String> endpoints) {
    this.endpoints = endpoints;
  }

  public DataStoreSpec basicAuth(BasicAuth basicAuth) {
    this.basicAuth = basicAuth;
    return this;
  }

  public BasicAuth getBasicAuth() {
    return basicAuth;
  }

  public void setBasicAuth(BasicAuth basicAuth) {
    this.basicAuth = basicAuth;
  }

  public DataStoreSpec tlsConfig(TlsConfig tlsConfig) {
    this.tlsConfig = tlsConfig;
    return this;
  }

  public TlsConfig getTlsConfig() {
    return tlsConfig;
  }

  public void setTlsConfig(TlsConfig tlsConfig) {
    this.tlsConfig = tlsConfig;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    DataStoreSpec that = (DataStoreSpec) o;
    return Objects.equals(driver, that.driver)
        && Objects.equals(endpoints, that.endpoints)
        && Objects.equals(basicAuth, that.basicAuth)
        && Objects.equals(tlsConfig, that.tlsConfig);
  }

  @Override
  public int hashCode() {
    return Objects.hash(driver, endpoints, basicAuth, tlsConfig);
  }

  @Override
  public String toString() {
    return "DataStoreSpec{driver="
        + driver
        + ", endpoints="
        + endpoints
        + ", basicAuth="
        + basicAuth
        + ", tlsConfig="
        + tlsConfig
        + "}";
  }
}
