package dev.controlplanes.kamaji.api.v1alpha1;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Objects;

/** A hosted Kubernetes control plane ({@code kamaji.clastix.io/v1alpha1}, namespaced). */
public final class TenantControlPlane implements KubernetesObject {
  public static final String GROUP = "kamaji.clastix.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "TenantControlPlane";
  public static final String PLURAL = "tenantcontrolplanes";

  private String apiVersion;
  private String kind;
  private V1ObjectMeta metadata;
  private TenantControlPlaneSpec spec;
  private TenantControlPlaneStatus status;

  public TenantControlPlane apiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
    return this;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public TenantControlPlane kind(String kind) {
    this.kind = kind;
    return this;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public TenantControlPlane metadata(V1ObjectMeta metadata) {
    this.metadata = metadata;
    return this;
  }

  @Override
  public V1ObjectMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(V1ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public TenantControlPlane spec(TenantControlPlaneSpec spec) {
    this.spec = spec;
    return this;
  }

  public TenantControlPlaneSpec getSpec() {
    return spec;
  }

  public void setSpec(TenantControlPlaneSpec spec) {
    this.spec = spec;
  }

  public TenantControlPlane status(TenantControlPlaneStatus status) {
    this.status = status;
    return this;
  }

  public TenantControlPlaneStatus getStatus() {
    return status;
  }

  public void setStatus(TenantControlPlaneStatus status) {
    this.status = status;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    TenantControlPlane that = (TenantControlPlane) o;
    return Objects.equals(apiVersion, that.apiVersion)
        && Objects.equals(kind, that.kind)
        && Objects.equals(metadata, that.metadata)
        && Objects.equals(spec, that.spec)
        && Objects.equals(status, that.status);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, metadata, spec, status);
  }

  @Override
  public String toString() {
    return "TenantControlPlane{apiVersion="
        + apiVersion
        + ", kind="
        + kind
        + ", metadata="
        + metadata
        + ", spec="
        + spec
        + ", status="
        + status
        + "}";
  }
}
