package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1ProjectedVolumeSource;
import io.kubernetes.client.openapi.models.V1SecretProjection;
import io.kubernetes.client.openapi.models.V1SecretVolumeSource;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeProjection;
import java.util.ArrayList;
import java.util.List;

/** The control-plane pod's volumes (after the user's) and the mounts that refer to them. */
public final class ControlPlaneVolumes {

  public static final String PKI = "etc-kubernetes-pki";
  public static final String ETC_CA_CERTIFICATES = "etc-ca-certificates";
  public static final String USR_SHARE_CA_CERTIFICATES = "usr-share-ca-certificates";
  public static final String USR_LOCAL_SHARE_CA_CERTIFICATES = "usr-local-share-ca-certificates";
  public static final String SCHEDULER_KUBECONFIG = "scheduler-kubeconfig";
  public static final String CONTROLLER_MANAGER_KUBECONFIG = "controller-manager-kubeconfig";
  public static final String KINE_UDS = "kine-uds";
  public static final String KINE_CONFIG = "kine-config";
  public static final String KINE_CERTS = "kine-certs";
  public static final String KONNECTIVITY_UDS = "konnectivity-uds";
  public static final String EGRESS_SELECTOR_CONFIGURATION = "egress-selector-configuration";
  public static final String KONNECTIVITY_KUBECONFIG = "konnectivity-server-kubeconfig";

  /** 0644, as Kamaji sets on every Secret and ConfigMap volume. */
  static final int MODE = 420;

  private ControlPlaneVolumes() {}

  /** Kamaji's volumes, in Kamaji's order, for the given datastore and addon. */
  static List<V1Volume> build(TenantControlPlane tcp, ResolvedFacts facts, boolean konnectivity) {
    List<V1Volume> volumes = new ArrayList<>();
    volumes.add(new V1Volume().name(PKI).projected(pki(tcp, facts)));
    volumes.add(secret(ETC_CA_CERTIFICATES, Names.ca(tcp)));
    volumes.add(secret(USR_SHARE_CA_CERTIFICATES, Names.ca(tcp)));
    volumes.add(secret(USR_LOCAL_SHARE_CA_CERTIFICATES, Names.ca(tcp)));
    volumes.add(secret(SCHEDULER_KUBECONFIG, Names.schedulerKubeconfig(tcp)));
    volumes.add(secret(CONTROLLER_MANAGER_KUBECONFIG, Names.controllerManagerKubeconfig(tcp)));
    if (facts.dataStore().usesKine()) {
      volumes.add(memoryDir(KINE_UDS));
      volumes.add(secret(KINE_CONFIG, Names.dataStoreCertificate(tcp)));
      volumes.add(new V1Volume().name(KINE_CERTS).emptyDir(new V1EmptyDirVolumeSource()));
    }
    if (konnectivity) {
      volumes.add(memoryDir(KONNECTIVITY_UDS));
      volumes.add(
          new V1Volume()
              .name(EGRESS_SELECTOR_CONFIGURATION)
              .configMap(
                  new V1ConfigMapVolumeSource()
                      .name(Names.konnectivityEgressSelectorConfiguration(tcp))
                      .defaultMode(MODE)));
      volumes.add(secret(KONNECTIVITY_KUBECONFIG, Names.konnectivityKubeconfig(tcp)));
    }
    return volumes;
  }

  /**
   * The PKI as kubeadm lays it out: each certificate Secret's two keys at the top level, plus the
   * datastore client certificate under {@code etcd/} for the etcd driver.
   */
  static V1ProjectedVolumeSource pki(TenantControlPlane tcp, ResolvedFacts facts) {
    List<V1SecretProjection> sources = new ArrayList<>();
    sources.add(pair(Names.apiServerCertificate(tcp), "apiserver.crt", "apiserver.key"));
    sources.add(pair(Names.ca(tcp), "ca.crt", "ca.key"));
    sources.add(
        pair(
            Names.apiServerKubeletClientCertificate(tcp),
            "apiserver-kubelet-client.crt",
            "apiserver-kubelet-client.key"));
    sources.add(pair(Names.frontProxyCa(tcp), "front-proxy-ca.crt", "front-proxy-ca.key"));
    sources.add(
        pair(
            Names.frontProxyClientCertificate(tcp),
            "front-proxy-client.crt",
            "front-proxy-client.key"));
    sources.add(pair(Names.serviceAccount(tcp), "sa.pub", "sa.key"));
    if (!facts.dataStore().usesKine()) {
      sources.add(
          new V1SecretProjection()
              .name(Names.dataStoreCertificate(tcp))
              .items(
                  List.of(
                      item("ca.crt", "etcd/ca.crt"),
                      item("server.crt", "etcd/server.crt"),
                      item("server.key", "etcd/server.key"))));
    }
    V1ProjectedVolumeSource projected = new V1ProjectedVolumeSource().defaultMode(MODE);
    sources.forEach(s -> projected.addSourcesItem(new V1VolumeProjection().secret(s)));
    return projected;
  }

  static V1VolumeMount mount(String name, String path, boolean readOnly) {
    return new V1VolumeMount().name(name).mountPath(path).readOnly(readOnly);
  }

  /** The CA Secret over the three system trust directories, read-only. */
  static List<V1VolumeMount> caDirectoryMounts() {
    return List.of(
        mount(ETC_CA_CERTIFICATES, ContainerPaths.ETC_CA_CERTIFICATES, true),
        mount(USR_SHARE_CA_CERTIFICATES, ContainerPaths.USR_SHARE_CA_CERTIFICATES, true),
        mount(
            USR_LOCAL_SHARE_CA_CERTIFICATES, ContainerPaths.USR_LOCAL_SHARE_CA_CERTIFICATES, true));
  }

  private static V1SecretProjection pair(String secret, String cert, String key) {
    return new V1SecretProjection().name(secret).items(List.of(item(cert, cert), item(key, key)));
  }

  private static V1KeyToPath item(String key, String path) {
    return new V1KeyToPath().key(key).path(path);
  }

  private static V1Volume secret(String name, String secretName) {
    return new V1Volume()
        .name(name)
        .secret(new V1SecretVolumeSource().secretName(secretName).defaultMode(MODE));
  }

  private static V1Volume memoryDir(String name) {
    return new V1Volume().name(name).emptyDir(new V1EmptyDirVolumeSource().medium("Memory"));
  }
}
