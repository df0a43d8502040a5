package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.custom.IntOrString;
import java.util.Objects;

/** An extra port on the control-plane Service. */
public final class AdditionalPort {
  private String name;
  private String protocol;
  private String appProtocol;
  private Integer port;
  private IntOrString targetPort;

  public AdditionalPort name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public AdditionalPort protocol(String protocol) {
    this.protocol = protocol;
    return this;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public AdditionalPort appProtocol(String appProtocol) {
    this.appProtocol = appProtocol;
    return this;
  }

  public String getAppProtocol() {
    return appProtocol;
  }

  public void setAppProtocol(String appProtocol) {
    this.appProtocol = appProtocol;
  }

  public AdditionalPort port(Integer port) {
    this.port = port;
    return this;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public AdditionalPort targetPort(IntOrString targetPort) {
    this.targetPort = targetPort;
    return this;
  }

  public IntOrString getTargetPort() {
    return targetPort;
  }

  public void setTargetPort(IntOrString targetPort) {
    this.targetPort = targetPort;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    AdditionalPort that = (AdditionalPort) o;
    return Objects.equals(name, that.name)
        && Objects.equals(protocol, that.protocol)
        && Objects.equals(appProtocol, that.appProtocol)
        && Objects.equals(port, that.port)
        && Objects.equals(targetPort, that.targetPort);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, protocol, appProtocol, port, targetPort);
  }

  @Override
  public String toString() {
    return "AdditionalPort{name="
        + name
        + ", protocol="
        + protocol
        + ", appProtocol="
        + appProtocol
        + ", port="
        + port
        + ", targetPort="
        + targetPort
        + "}";
  }
}
