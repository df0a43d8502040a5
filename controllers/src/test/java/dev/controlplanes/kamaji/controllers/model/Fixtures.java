package dev.controlplanes.kamaji.controllers.model;

import com.google.gson.Gson;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts.DataStoreFacts;
import io.kubernetes.client.openapi.JSON;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** TenantControlPlanes from YAML and typical resolved facts. */
final class Fixtures {

  static final String UID = "0b7c2a8e-6b44-4a55-9a52-7d2f0c1d9e11";

  private Fixtures() {}

  /** Parses a TenantControlPlane manifest written in YAML. */
  static TenantControlPlane tcp(String yaml) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return JSON.deserialize(new Gson().toJson(doc), TenantControlPlane.class);
  }

  /** A TCP named tenant-a in namespace tenants with the given spec (YAML, indented 2). */
  static TenantControlPlane tcpWithSpec(String specYaml) {
    return tcp(
        "apiVersion: kamaji.clastix.io/v1alpha1\n"
            + "kind: TenantControlPlane\n"
            + "metadata:\n"
            + "  name: tenant-a\n"
            + "  namespace: tenants\n"
            + "  uid: "
            + UID
            + "\n"
            + "spec:\n"
            + specYaml);
  }

  /** The smallest useful spec: LoadBalancer, v1.35.7, everything else defaulted. */
  static TenantControlPlane basic() {
    return tcpWithSpec(
        "  controlPlane:\n"
            + "    service:\n"
            + "      serviceType: LoadBalancer\n"
            + "  kubernetes:\n"
            + "    version: v1.35.7\n"
            + "    kubelet: {}\n");
  }

  static ResolvedFacts etcd() {
    return facts(
        new DataStoreFacts(
            "default",
            DataStoreDriver.ETCD,
            List.of("etcd-0.etcd:2379", "etcd-1.etcd:2379"),
            true,
            true));
  }

  static ResolvedFacts facts(DataStoreFacts ds) {
    return new ResolvedFacts(
        ds,
        List.of(),
        UID,
        UID,
        "172.18.255.200",
        Map.of(
            "tenant-a-ca", "c0ffee00c0ffee00c0ffee00c0ffee00",
            "tenant-a-datastore-config", "d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5"),
        ResolvedFacts.Images.defaults());
  }

  static ResolvedFacts kine(String driver, boolean tls, boolean clientCertificate) {
    return facts(
        new DataStoreFacts(
            "sql", driver, List.of("db.example:5432", "db2.example:5432"), tls, clientCertificate));
  }
}
