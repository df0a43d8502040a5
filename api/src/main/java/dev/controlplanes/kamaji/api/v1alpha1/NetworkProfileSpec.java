package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** {@code spec.networkProfile}: addresses, ports and CIDRs of the tenant. */
public final class NetworkProfileSpec {
  private List<String> loadBalancerSourceRanges;
  private String loadBalancerClass;
  private String address;
  private String advertiseAddress;
  private String clusterDomain;
  private Boolean allowAddressAsExternalIP;
  private Integer port;
  private List<String> certSANs;
  private String serviceCidr;
  private List<String> serviceCidrs;
  private String podCidr;
  private List<String> podCidrs;
  private List<String> dnsServiceIPs;

  public NetworkProfileSpec loadBalancerSourceRanges(List<String> loadBalancerSourceRanges) {
    this.loadBalancerSourceRanges = loadBalancerSourceRanges;
    return this;
  }

  public List<String> getLoadBalancerSourceRanges() {
    return loadBalancerSourceRanges;
  }

  public void setLoadBalancerSourceRanges(List<String> loadBalancerSourceRanges) {
    this.loadBalancerSourceRanges = loadBalancerSourceRanges;
  }

  public NetworkProfileSpec loadBalancerClass(String loadBalancerClass) {
    this.loadBalancerClass = loadBalancerClass;
    return this;
  }

  public String getLoadBalancerClass() {
    return loadBalancerClass;
  }

  public void setLoadBalancerClass(String loadBalancerClass) {
    this.loadBalancerClass = loadBalancerClass;
  }

  public NetworkProfileSpec address(String address) {
    this.address = address;
    return this;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public NetworkProfileSpec advertiseAddress(String advertiseAddress) {
    this.advertiseAddress = advertiseAddress;
    return this;
  }

  public String getAdvertiseAddress() {
    return advertiseAddress;
  }

  public void setAdvertiseAddress(String advertiseAddress) {
    this.advertiseAddress = advertiseAddress;
  }

  public NetworkProfileSpec clusterDomain(String clusterDomain) {
    this.clusterDomain = clusterDomain;
    return this;
  }

  public String getClusterDomain() {
    return clusterDomain;
  }

  public void setClusterDomain(String clusterDomain) {
    this.clusterDomain = clusterDomain;
  }

  public NetworkProfileSpec allowAddressAsExternalIP(Boolean allowAddressAsExternalIP) {
    this.allowAddressAsExternalIP = allowAddressAsExternalIP;
    return this;
  }

  public Boolean getAllowAddressAsExternalIP() {
    return allowAddressAsExternalIP;
  }

  public void setAllowAddressAsExternalIP(Boolean allowAddressAsExternalIP) {
    this.allowAddressAsExternalIP = allowAddressAsExternalIP;
  }

  public NetworkProfileSpec port(Integer port) {
    this.port = port;
    return this;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public NetworkProfileSpec certSANs(List<String> certSANs) {
    this.certSANs = certSANs;
    return this;
  }

  public List<String> getCertSANs() {
    return certSANs;
  }

  public void setCertSANs(List<String> certSANs) {
    this.certSANs = certSANs;
  }

  public NetworkProfileSpec serviceCidr(String serviceCidr) {
    this.serviceCidr = serviceCidr;
    return this;
  }

  public String getServiceCidr() {
    return serviceCidr;
  }

  public void setServiceCidr(String serviceCidr) {
    this.serviceCidr = serviceCidr;
  }

  public NetworkProfileSpec serviceCidrs(List<String> serviceCidrs) {
    this.serviceCidrs = serviceCidrs;
    return this;
  }

  public List<String> getServiceCidrs() {
    return serviceCidrs;
  }

  public void setServiceCidrs(List<String> serviceCidrs) {
    this.serviceCidrs = serviceCidrs;
  }

  public NetworkProfileSpec podCidr(String podCidr) {
    this.podCidr = podCidr;
    return this;
  }

  public String getPodCidr() {
    return podCidr;
  }

  public void setPodCidr(String podCidr) {
    this.podCidr = podCidr;
  }

  public NetworkProfileSpec podCidrs(List<String> podCidrs) {
    this.podCidrs = podCidrs;
    return this;
  }

  public List<String> getPodCidrs() {
    return podCidrs;
  }

  public void setPodCidrs(List<String> podCidrs) {
    this.podCidrs = podCidrs;
  }

  public NetworkProfileSpec dnsServiceIPs(List<String> dnsServiceIPs) {
    this.dnsServiceIPs = dnsServiceIPs;
    return this;
  }

  public List<String> getDnsServiceIPs() {
    return dnsServiceIPs;
  }

  public void setDnsServiceIPs(List<String> dnsServiceIPs) {
    this.dnsServiceIPs = dnsServiceIPs;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    NetworkProfileSpec that = (NetworkProfileSpec) o;
    return Objects.equals(loadBalancerSourceRanges, that.loadBalancerSourceRanges)
        && Objects.equals(loadBalancerClass, that.loadBalancerClass)
        && Objects.equals(address, that.address)
        && Objects.equals(advertiseAddress, that.advertiseAddress)
        && Objects.equals(clusterDomain, that.clusterDomain)
        && Objects.equals(allowAddressAsExternalIP, that.allowAddressAsExternalIP)
        && Objects.equals(port, that.port)
        && Objects.equals(certSANs, that.certSANs)
        && Objects.equals(serviceCidr, that.serviceCidr)
        && Objects.equals(serviceCidrs, that.serviceCidrs)
        && Objects.equals(podCidr, that.podCidr)
        && Objects.equals(podCidrs, that.podCidrs)
        && Objects.equals(dnsServiceIPs, that.dnsServiceIPs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        loadBalancerSourceRanges,
        loadBalancerClass,
        address,
        advertiseAddress,
        clusterDomain,
        allowAddressAsExternalIP,
        port,
        certSANs,
        serviceCidr,
        serviceCidrs,
        podCidr,
        podCidrs,
        dnsServiceIPs);
  }

  @Override
  public String toString() {
    return "NetworkProfileSpec{loadBalancerSourceRanges="
        + loadBalancerSourceRanges
        + ", loadBalancerClass="
        + loadBalancerClass
        + ", address="
        + address
        + ", advertiseAddress="
        + advertiseAddress
        + ", clusterDomain="
        + clusterDomain
        + ", allowAddressAsExternalIP="
        + allowAddressAsExternalIP
        + ", port="
        + port
        + ", certSANs="
        + certSANs
        + ", serviceCidr="
        + serviceCidr
        + ", serviceCidrs="
        + serviceCidrs
        + ", podCidr="
        + podCidr
        + ", podCidrs="
        + podCidrs
        + ", dnsServiceIPs="
        + dnsServiceIPs
        + "}";
  }
}
