package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** {@code status.addons.konnectivity}. */
public final class KonnectivityStatus {
  private Boolean enabled;
  private ConfigMapChecksumStatus configMap;
  private SecretStatus certificate;
  private SecretStatus kubeconfig;
  private ExternalKubernetesObjectStatus sa;
  private ExternalKubernetesObjectStatus clusterrolebinding;
  private KonnectivityAgentStatus agent;
  private KubernetesServiceStatus service;
  private KubernetesGatewayStatus gateway;

  public KonnectivityStatus enabled(Boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public KonnectivityStatus configMap(ConfigMapChecksumStatus configMap) {
    this.configMap = configMap;
    return this;
  }

  public ConfigMapChecksumStatus getConfigMap() {
    return configMap;
  }

  public void setConfigMap(ConfigMapChecksumStatus configMap) {
    this.configMap = configMap;
  }

  public KonnectivityStatus certificate(SecretStatus certificate) {
    this.certificate = certificate;
    return this;
  }

  public SecretStatus getCertificate() {
    return certificate;
  }

  public void setCertificate(SecretStatus certificate) {
    this.certificate = certificate;
  }

  public KonnectivityStatus kubeconfig(SecretStatus kubeconfig) {
    this.kubeconfig = kubeconfig;
    return this;
  }

  public SecretStatus getKubeconfig() {
    return kubeconfig;
  }

  public void setKubeconfig(SecretStatus kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  public KonnectivityStatus sa(ExternalKubernetesObjectStatus sa) {
    this.sa = sa;
    return this;
  }

  public ExternalKubernetesObjectStatus getSa() {
    return sa;
  }

  public void setSa(ExternalKubernetesObjectStatus sa) {
    this.sa = sa;
  }

  public KonnectivityStatus clusterrolebinding(ExternalKubernetesObjectStatus clusterrolebinding) {
    this.clusterrolebinding = clusterrolebinding;
    return this;
  }

  public ExternalKubernetesObjectStatus getClusterrolebinding() {
    return clusterrolebinding;
  }

  public void setClusterrolebinding(ExternalKubernetesObjectStatus clusterrolebinding) {
    this.clusterrolebinding = clusterrolebinding;
  }

  public KonnectivityStatus agent(KonnectivityAgentStatus agent) {
    this.agent = agent;
    return this;
  }

  public KonnectivityAgentStatus getAgent() {
    return agent;
  }

  public void setAgent(KonnectivityAgentStatus agent) {
    this.agent = agent;
  }

  public KonnectivityStatus service(KubernetesServiceStatus service) {
    this.service = service;
    return this;
  }

  public KubernetesServiceStatus getService() {
    return service;
  }

  public void setService(KubernetesServiceStatus service) {
    this.service = service;
  }

  public KonnectivityStatus gateway(KubernetesGatewayStatus gateway) {
    this.gateway = gateway;
    return this;
  }

  public KubernetesGatewayStatus getGateway() {
    return gateway;
  }

  public void setGateway(KubernetesGatewayStatus gateway) {
    this.gateway = gateway;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    KonnectivityStatus that = (KonnectivityStatus) o;
    return Objects.equals(enabled, that.enabled)
        && Objects.equals(configMap, that.configMap)
        && Objects.equals(certificate, that.certificate)
        && Objects.equals(kubeconfig, that.kubeconfig)
        && Objects.equals(sa, that.sa)
        && Objects.equals(clusterrolebinding, that.clusterrolebinding)
        && Objects.equals(agent, that.agent)
        && Objects.equals(service, that.service)
        && Objects.equals(gateway, that.gateway);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        enabled,
        configMap,
        certificate,
        kubeconfig,
        sa,
        clusterrolebinding,
        agent,
        service,
        gateway);
  }

  @Override
  public String toString() {
    return "KonnectivityStatus{enabled="
        + enabled
        + ", configMap="
        + configMap
        + ", certificate="
        + certificate
        + ", kubeconfig="
        + kubeconfig
        + ", sa="
        + sa
        + ", clusterrolebinding="
        + clusterrolebinding
        + ", agent="
        + agent
        + ", service="
        + service
        + ", gateway="
        + gateway
        + "}";
  }
}
