package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Secret {@code <tcp>-datastore-config} (§3.2 item 7): what kine (through {@code envFrom}) and
 * the datastore setup use to reach the tenant's database.
 */
public final class DataStoreConfigSecret {

  public static final String COMPONENT = "datastore-config";
  public static final String FINALIZER = "finalizer.kamaji.clastix.io/datastore-secret";
  public static final String CONNECTION_STRING = "DB_CONNECTION_STRING";
  public static final String SCHEMA = "DB_SCHEMA";
  public static final String USER = "DB_USER";
  public static final String PASSWORD = "DB_PASSWORD";

  private DataStoreConfigSecret() {}

  /**
   * @param password the tenant's datastore password: the value already in the Secret (so it stays
   *     stable), a fresh random one on first creation, or for NATS the DataStore's own password
   */
  public static V1Secret build(TenantControlPlane tcp, ResolvedFacts facts, byte[] password) {
    List<String> endpoints = facts.dataStore().endpoints();
    SortedMap<String, byte[]> data = new TreeMap<>();
    // kine connects to the first endpoint only; with etcd there is no kine and Kamaji leaves it
    // empty
    boolean none = !facts.dataStore().usesKine() || endpoints.isEmpty();
    data.put(CONNECTION_STRING, bytes(none ? "" : endpoints.get(0)));
    data.put(SCHEMA, bytes(facts.dataStoreSchema()));
    data.put(USER, bytes(facts.dataStoreUser()));
    data.put(PASSWORD, password.clone());
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put(Labels.CHECKSUM_ANNOTATION, Checksums.ofSecretData(data));
    return new V1Secret()
        .apiVersion("v1")
        .kind("Secret")
        .type("Opaque")
        .metadata(
            Owners.metadata(
                    tcp,
                    Names.dataStoreConfig(tcp),
                    Labels.kamaji(tcp.getMetadata().getName(), COMPONENT),
                    annotations)
                .finalizers(List.of(FINALIZER)))
        .data(data);
  }

  private static byte[] bytes(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }
}
