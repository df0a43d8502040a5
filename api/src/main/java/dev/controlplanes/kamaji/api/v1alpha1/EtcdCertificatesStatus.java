package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** Legacy etcd certificate status (no longer populated by Kamaji). */
public final class EtcdCertificatesStatus {
  private SecretStatus apiServer;
  private SecretStatus ca;

  public EtcdCertificatesStatus apiServer(SecretStatus apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public SecretStatus getApiServer() {
    return apiServer;
  }

  public void setApiServer(SecretStatus apiServer) {
    this.apiServer = apiServer;
  }

  public EtcdCertificatesStatus ca(SecretStatus ca) {
    this.ca = ca;
    return this;
  }

  public SecretStatus getCa() {
    return ca;
  }

  public void setCa(SecretStatus ca) {
    this.ca = ca;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    EtcdCertificatesStatus that = (EtcdCertificatesStatus) o;
    return Objects.equals(apiServer, that.apiServer) && Objects.equals(ca, that.ca);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiServer, ca);
  }

  @Override
  public String toString() {
    return "EtcdCertificatesStatus{apiServer=" + apiServer + ", ca=" + ca + "}";
  }
}
