package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** A Gateway API ParentReference. */
public final class ParentReference {
  private String group;
  private String kind;
  private String namespace;
  private String name;
  private String sectionName;
  private Integer port;

  public ParentReference group(String group) {
    this.group = group;
    return this;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public ParentReference kind(String kind) {
    this.kind = kind;
    return this;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public ParentReference namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public ParentReference name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ParentReference sectionName(String sectionName) {
    this.sectionName = sectionName;
    return this;
  }

  public String getSectionName() {
    return sectionName;
  }

  public void setSectionName(String sectionName) {
    this.sectionName = sectionName;
  }

  public ParentReference port(Integer port) {
    this.port = port;
    return this;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    ParentReference that = (ParentReference) o;
    return Objects.equals(group, that.group)
        && Objects.equals(kind, that.kind)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(name, that.name)
        && Objects.equals(sectionName, that.sectionName)
        && Objects.equals(port, that.port);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, kind, namespace, name, sectionName, port);
  }

  @Override
  public String toString() {
    return "ParentReference{group="
        + group
        + ", kind="
        + kind
        + ", namespace="
        + namespace
        + ", name="
        + name
        + ", sectionName="
        + sectionName
        + ", port="
        + port
        + "}";
  }
}
