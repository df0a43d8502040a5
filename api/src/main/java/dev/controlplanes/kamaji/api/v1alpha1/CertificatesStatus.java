package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.certificates}. */
public final class CertificatesStatus {
  private SecretStatus ca;
  private SecretStatus apiServer;
  private SecretStatus apiServerKubeletClient;
  private SecretStatus frontProxyCA;
  private SecretStatus frontProxyClient;
  private SecretStatus sa;
  private EtcdCertificatesStatus etcd;

  public CertificatesStatus ca(SecretStatus ca) {
    this.ca = ca;
    return this;
  }

  public SecretStatus getCa() {
    return ca;
  }

  public void setCa(SecretStatus ca) {
    this.ca = ca;
  }

  public CertificatesStatus apiServer(SecretStatus apiServer) {
    this.apiServer = apiServer;
    return this;
  }

  public SecretStatus getApiServer() {
    return apiServer;
  }

  public void setApiServer(SecretStatus apiServer) {
    this.apiServer = apiServer;
  }

  public CertificatesStatus apiServerKubeletClient(SecretStatus apiServerKubeletClient) {
    this.apiServerKubeletClient = apiServerKubeletClient;
    return this;
  }

  public SecretStatus getApiServerKubeletClient() {
    return apiServerKubeletClient;
  }

  public void setApiServerKubeletClient(SecretStatus apiServerKubeletClient) {
    this.apiServerKubeletClient = apiServerKubeletClient;
  }

  public CertificatesStatus frontProxyCA(SecretStatus frontProxyCA) {
    this.frontProxyCA = frontProxyCA;
    return this;
  }

  public SecretStatus getFrontProxyCA() {
    return frontProxyCA;
  }

  public void setFrontProxyCA(SecretStatus frontProxyCA) {
    this.frontProxyCA = frontProxyCA;
  }

  public CertificatesStatus frontProxyClient(SecretStatus frontProxyClient) {
    this.frontProxyClient = frontProxyClient;
    return this;
  }

  public SecretStatus getFrontProxyClient() {
    return frontProxyClient;
  }

  public void setFrontProxyClient(SecretStatus frontProxyClient) {
    this.frontProxyClient = frontProxyClient;
  }

  public CertificatesStatus sa(SecretStatus sa) {
    this.sa = sa;
    return this;
  }

  public SecretStatus getSa() {
    return sa;
  }

  public void setSa(SecretStatus sa) {
    this.sa = sa;
  }

  public CertificatesStatus etcd(EtcdCertificatesStatus etcd) {
    this.etcd = etcd;
    return this;
  }

  public EtcdCertificatesStatus getEtcd() {
    return etcd;
  }

  public void setEtcd(EtcdCertificatesStatus etcd) {
    this.etcd = etcd;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    CertificatesStatus that = (CertificatesStatus) o;
    return Objects.equals(ca, that.ca)
        && Objects.equals(apiServer, that.apiServer)
        && Objects.equals(apiServerKubeletClient, that.apiServerKubeletClient)
        && Objects.equals(frontProxyCA, that.frontProxyCA)
        && Objects.equals(frontProxyClient, that.frontProxyClient)
        && Objects.equals(sa, that.sa)
        && Objects.equals(etcd, that.etcd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        ca, apiServer, apiServerKubeletClient, frontProxyCA, frontProxyClient, sa, etcd);
  }

  @Override
  public String toString() {
    return "CertificatesStatus{ca="
        + ca
        + ", apiServer="
        + apiServer
        + ", apiServerKubeletClient="
        + apiServerKubeletClient
        + ", frontProxyCA="
        + frontProxyCA
        + ", frontProxyClient="
        + frontProxyClient
        + ", sa="
        + sa
        + ", etcd="
        + etcd
        + "}";
  }
}
