package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.List;
import java.util.Objects;

/** How the API server is reached through a Gateway. */
public final class GatewayAccessPoint {
  private String type;
  private String value;
  private Integer port;
  private List<String> urls;

  public GatewayAccessPoint type(String type) {
    this.type = type;
    return this;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public GatewayAccessPoint value(String value) {
    this.value = value;
    return this;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public GatewayAccessPoint port(Integer port) {
    this.port = port;
    return this;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public GatewayAccessPoint urls(List<String> urls) {
    this.urls = urls;
    return this;
  }

  public List<String> getUrls() {
    return urls;
  }

  public void setUrls(List<String> urls) {
    this.urls = urls;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    GatewayAccessPoint that = (GatewayAccessPoint) o;
    return Objects.equals(type, that.type)
        && Objects.equals(value, that.value)
        && Objects.equals(port, that.port)
        && Objects.equals(urls, that.urls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, value, port, urls);
  }

  @Override
  public String toString() {
    return "GatewayAccessPoint{type="
        + type
        + ", value="
        + value
        + ", port="
        + port
        + ", urls="
        + urls
        + "}";
  }
}
