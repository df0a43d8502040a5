package dev.controlplanes.kamaji.apiserver.bench;

import com.google.gson.JsonParser;

/**
 * The objects the benchmark writes: valid kamaji.clastix.io/v1alpha1 JSON modelled on the samples
 * in {@code api/src/test/resources/samples} (tcp-basic.yaml, datastore-etcd.yaml).
 */
final class BenchObjects {

  private BenchObjects() {}

  static String dataStore(String name) {
    return """
        {"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"DataStore",
         "metadata":{"name":"%s"},
         "spec":{"driver":"etcd",
          "endpoints":["etcd-a.storage.svc.cluster.local:2379",
                       "etcd-b.storage.svc.cluster.local:2379",
                       "etcd-c.storage.svc.cluster.local:2379"],
          "tlsConfig":{
           "certificateAuthority":{
            "certificate":{"secretReference":
              {"name":"shared-etcd-ca","namespace":"storage","keyPath":"ca.crt"}},
            "privateKey":{"secretReference":
              {"name":"shared-etcd-ca","namespace":"storage","keyPath":"ca.key"}}},
           "clientCertificate":{
            "certificate":{"secretReference":
              {"name":"shared-etcd-root","namespace":"storage","keyPath":"tls.crt"}},
            "privateKey":{"secretReference":
              {"name":"shared-etcd-root","namespace":"storage","keyPath":"tls.key"}}}}}}
        """
        .formatted(name);
  }

  static String tenantControlPlane(String name, String namespace) {
    return """
        {"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"TenantControlPlane",
         "metadata":{"name":"%1$s","namespace":"%2$s","labels":{"tenant.clastix.io":"%1$s"}},
         "spec":{
          "controlPlane":{"deployment":{"replicas":2},"service":{"serviceType":"LoadBalancer"}},
          "kubernetes":{"version":"v1.35.7",
           "kubelet":{"configurationJSONPatches":[
            {"op":"add","path":"/featureGates","value":
              {"KubeletCrashLoopBackOffMax":false,"KubeletEnsureSecretPulledImages":false}},
            {"op":"replace","path":"/cgroupDriver","value":"systemd"}]}},
          "networkProfile":{"port":6443},
          "addons":{"coreDNS":{},"kubeProxy":{},
           "konnectivity":{"server":{"port":8132},"agent":{"mode":"DaemonSet"}}}}}
        """
        .formatted(name, namespace);
  }

  /** The {@code metadata.resourceVersion} of a list (or any object) given as JSON. */
  static String resourceVersion(String json) {
    return JsonParser.parseString(json)
        .getAsJsonObject()
        .getAsJsonObject("metadata")
        .get("resourceVersion")
        .getAsString();
  }
}
