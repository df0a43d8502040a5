package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;

/** Names of the objects Kamaji creates for a TenantControlPlane: {@code <tcp>-<suffix>}. */
public final class Names {

  private Names() {}

  /** The Service, the Deployment and the Ingress share the TCP's name. */
  public static String service(TenantControlPlane tcp) {
    return tcp.getMetadata().getName();
  }

  public static String deployment(TenantControlPlane tcp) {
    return tcp.getMetadata().getName();
  }

  public static String ingress(TenantControlPlane tcp) {
    return tcp.getMetadata().getName();
  }

  public static String kubeadmConfig(TenantControlPlane tcp) {
    return prefixed(tcp, "kubeadmconfig");
  }

  public static String konnectivityEgressSelectorConfiguration(TenantControlPlane tcp) {
    return prefixed(tcp, "konnectivity-egress-selector-configuration");
  }

  public static String ca(TenantControlPlane tcp) {
    return prefixed(tcp, "ca");
  }

  public static String frontProxyCa(TenantControlPlane tcp) {
    return prefixed(tcp, "front-proxy-ca-certificate");
  }

  public static String serviceAccount(TenantControlPlane tcp) {
    return prefixed(tcp, "sa-certificate");
  }

  public static String apiServerCertificate(TenantControlPlane tcp) {
    return prefixed(tcp, "api-server-certificate");
  }

  public static String apiServerKubeletClientCertificate(TenantControlPlane tcp) {
    return prefixed(tcp, "api-server-kubelet-client-certificate");
  }

  public static String frontProxyClientCertificate(TenantControlPlane tcp) {
    return prefixed(tcp, "front-proxy-client-certificate");
  }

  public static String adminKubeconfig(TenantControlPlane tcp) {
    return prefixed(tcp, "admin-kubeconfig");
  }

  public static String controllerManagerKubeconfig(TenantControlPlane tcp) {
    return prefixed(tcp, "controller-manager-kubeconfig");
  }

  public static String schedulerKubeconfig(TenantControlPlane tcp) {
    return prefixed(tcp, "scheduler-kubeconfig");
  }

  public static String dataStoreConfig(TenantControlPlane tcp) {
    return prefixed(tcp, "datastore-config");
  }

  public static String dataStoreCertificate(TenantControlPlane tcp) {
    return prefixed(tcp, "datastore-certificate");
  }

  public static String konnectivityCertificate(TenantControlPlane tcp) {
    return prefixed(tcp, "konnectivity-certificate");
  }

  public static String konnectivityKubeconfig(TenantControlPlane tcp) {
    return prefixed(tcp, "konnectivity-kubeconfig");
  }

  /** The migration Job lives in Kamaji's own namespace and is named after the TCP's UID. */
  public static String migrationJob(TenantControlPlane tcp) {
    return "migrate-" + tcp.getMetadata().getUid();
  }

  private static String prefixed(TenantControlPlane tcp, String suffix) {
    return tcp.getMetadata().getName() + "-" + suffix;
  }
}
