package dev.controlplanes.kamaji.api;

import java.util.List;

/** Names of the {@code kamaji.clastix.io/v1alpha1} API group, its kinds and resources. */
public final class KamajiApi {

  public static final String GROUP = "kamaji.clastix.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** The category both kinds can be listed by, as in {@code kubectl get kamaji}. */
  public static final String CATEGORY = "kamaji";

  public static final String TENANT_CONTROL_PLANE_KIND = "TenantControlPlane";
  public static final String TENANT_CONTROL_PLANE_LIST_KIND = "TenantControlPlaneList";
  public static final String TENANT_CONTROL_PLANE_PLURAL = "tenantcontrolplanes";
  public static final String TENANT_CONTROL_PLANE_SINGULAR = "tenantcontrolplane";
  public static final List<String> TENANT_CONTROL_PLANE_SHORT_NAMES = List.of("tcp");
  public static final List<String> TENANT_CONTROL_PLANE_CATEGORIES = List.of(CATEGORY);
  public static final boolean TENANT_CONTROL_PLANE_NAMESPACED = true;

  public static final String DATA_STORE_KIND = "DataStore";
  public static final String DATA_STORE_LIST_KIND = "DataStoreList";
  public static final String DATA_STORE_PLURAL = "datastores";
  public static final String DATA_STORE_SINGULAR = "datastore";
  public static final List<String> DATA_STORE_SHORT_NAMES = List.of();
  public static final List<String> DATA_STORE_CATEGORIES = List.of();
  public static final boolean DATA_STORE_NAMESPACED = false;

  /**
   * The highest Kubernetes version a tenant may run, as Kamaji's {@code KubeadmVersion}: tenants up
   * to 1.36.x are accepted (patch levels are ignored).
   */
  public static final String SUPPORTED_KUBERNETES_VERSION = "v1.36.0";

  /** Finalizer Kamaji puts on a DataStore while TenantControlPlanes use it. */
  public static final String DATA_STORE_FINALIZER = GROUP + "/TenantControlPlane";

  private KamajiApi() {}
}
