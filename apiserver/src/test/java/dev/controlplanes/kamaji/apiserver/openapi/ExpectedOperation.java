package dev.controlplanes.kamaji.apiserver.openapi;

import java.util.List;

/** One operation both documents must declare, as kube would for our resources. */
record ExpectedOperation(
    String path, String method, String action, String operationId, String kind) {

  private static final String BASE = "/apis/kamaji.clastix.io/v1alpha1";
  private static final String TCP = BASE + "/namespaces/{namespace}/tenantcontrolplanes";
  private static final String DS = BASE + "/datastores";
  private static final String ID = "KamajiClastixIoV1alpha1";

  static List<ExpectedOperation> all() {
    return List.of(
        op(
            BASE + "/tenantcontrolplanes",
            "get",
            "list",
            "list" + ID + "TenantControlPlaneForAllNamespaces",
            "TenantControlPlane"),
        op(
            BASE + "/watch/tenantcontrolplanes",
            "get",
            "watchlist",
            "watch" + ID + "TenantControlPlaneListForAllNamespaces",
            "TenantControlPlane"),
        op(TCP, "get", "list", "list" + ID + "NamespacedTenantControlPlane", "TenantControlPlane"),
        op(
            TCP,
            "post",
            "post",
            "create" + ID + "NamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(
            TCP,
            "delete",
            "deletecollection",
            "delete" + ID + "CollectionNamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(
            TCP + "/{name}",
            "get",
            "get",
            "read" + ID + "NamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(
            TCP + "/{name}",
            "put",
            "put",
            "replace" + ID + "NamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(
            TCP + "/{name}",
            "patch",
            "patch",
            "patch" + ID + "NamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(
            TCP + "/{name}",
            "delete",
            "delete",
            "delete" + ID + "NamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(
            TCP + "/{name}/status",
            "get",
            "get",
            "read" + ID + "NamespacedTenantControlPlaneStatus",
            "TenantControlPlane"),
        op(
            TCP + "/{name}/status",
            "put",
            "put",
            "replace" + ID + "NamespacedTenantControlPlaneStatus",
            "TenantControlPlane"),
        op(
            TCP + "/{name}/status",
            "patch",
            "patch",
            "patch" + ID + "NamespacedTenantControlPlaneStatus",
            "TenantControlPlane"),
        op(
            TCP + "/{name}/scale",
            "get",
            "get",
            "read" + ID + "NamespacedTenantControlPlaneScale",
            "autoscaling/v1/Scale"),
        op(
            TCP + "/{name}/scale",
            "put",
            "put",
            "replace" + ID + "NamespacedTenantControlPlaneScale",
            "autoscaling/v1/Scale"),
        op(
            TCP + "/{name}/scale",
            "patch",
            "patch",
            "patch" + ID + "NamespacedTenantControlPlaneScale",
            "autoscaling/v1/Scale"),
        op(
            TCP + "/{name}/kubeconfig",
            "get",
            "get",
            "read" + ID + "NamespacedTenantControlPlaneKubeconfig",
            "TenantControlPlaneKubeconfig"),
        op(
            BASE + "/watch/namespaces/{namespace}/tenantcontrolplanes",
            "get",
            "watchlist",
            "watch" + ID + "NamespacedTenantControlPlaneList",
            "TenantControlPlane"),
        op(
            BASE + "/watch/namespaces/{namespace}/tenantcontrolplanes/{name}",
            "get",
            "watch",
            "watch" + ID + "NamespacedTenantControlPlane",
            "TenantControlPlane"),
        op(DS, "get", "list", "list" + ID + "DataStore", "DataStore"),
        op(DS, "post", "post", "create" + ID + "DataStore", "DataStore"),
        op(DS, "delete", "deletecollection", "delete" + ID + "CollectionDataStore", "DataStore"),
        op(DS + "/{name}", "get", "get", "read" + ID + "DataStore", "DataStore"),
        op(DS + "/{name}", "put", "put", "replace" + ID + "DataStore", "DataStore"),
        op(DS + "/{name}", "patch", "patch", "patch" + ID + "DataStore", "DataStore"),
        op(DS + "/{name}", "delete", "delete", "delete" + ID + "DataStore", "DataStore"),
        op(DS + "/{name}/status", "get", "get", "read" + ID + "DataStoreStatus", "DataStore"),
        op(DS + "/{name}/status", "put", "put", "replace" + ID + "DataStoreStatus", "DataStore"),
        op(DS + "/{name}/status", "patch", "patch", "patch" + ID + "DataStoreStatus", "DataStore"),
        op(
            BASE + "/watch/datastores",
            "get",
            "watchlist",
            "watch" + ID + "DataStoreList",
            "DataStore"),
        op(
            BASE + "/watch/datastores/{name}",
            "get",
            "watch",
            "watch" + ID + "DataStore",
            "DataStore"));
  }

  /** The expected {@code x-kubernetes-group-version-kind} as group, version and kind. */
  GroupVersionKind gvk() {
    if (kind.startsWith("autoscaling/")) {
      String[] parts = kind.split("/");
      return new GroupVersionKind(parts[0], parts[1], parts[2]);
    }
    return new GroupVersionKind("kamaji.clastix.io", "v1alpha1", kind);
  }

  @Override
  public String toString() {
    return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
  }

  private static ExpectedOperation op(
      String path, String method, String action, String operationId, String kind) {
    return new ExpectedOperation(path, method, action, operationId, kind);
  }
}
