package dev.controlplanes.kamaji.api.v1alpha1;

import java.util.Objects;

/** A key in a namespaced Secret. */
public final class SecretReference {
  private String name;
  private String namespace;
  private String keyPath;

  public SecretReference name(String name) {
    this.name = name;
    return this;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SecretReference namespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public SecretReference keyPath(String keyPath) {
    this.keyPath = keyPath;
    return this;
  }

  public String getKeyPath() {
    return keyPath;
  }

  public void setKeyPath(String keyPath) {
    this.keyPath = keyPath;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    SecretReference that = (SecretReference) o;
    return Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(keyPath, that.keyPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, keyPath);
  }

  @Override
  public String toString() {
    return "SecretReference{name="
        + name
        + ", namespace="
        + namespace
        + ", keyPath="
        + keyPath
        + "}";
  }
}
