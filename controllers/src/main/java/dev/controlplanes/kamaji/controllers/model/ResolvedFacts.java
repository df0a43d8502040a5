package dev.controlplanes.kamaji.controllers.model;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreOverride;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the reconciler looked up for one pass, so the builders need no client.
 *
 * @param dataStore the primary DataStore (name, driver, endpoints, whether TLS is configured)
 * @param overrides the {@code dataStoreOverrides} resolved to their etcd endpoints, in spec order
 * @param dataStoreSchema the database / key prefix / bucket ({@link #effectiveSchema})
 * @param dataStoreUser the datastore user ({@link #effectiveUser}; for NATS the DataStore's own
 *     basic-auth user name)
 * @param address the control-plane address once known (spec address, ClusterIP or LB IP; the host
 *     of {@code status.controlPlaneEndpoint}), or null before
 * @param secretChecksums MD5 ({@link Checksums#ofSecretData}) of each mounted Secret, by Secret
 *     name; missing entries give empty hash labels, like Kamaji when a Secret is not there yet
 * @param images images the controller is configured with
 */
public record ResolvedFacts(
    DataStoreFacts dataStore,
    List<EtcdOverride> overrides,
    String dataStoreSchema,
    String dataStoreUser,
    String address,
    Map<String, String> secretChecksums,
    Images images) {

  public ResolvedFacts {
    Objects.requireNonNull(dataStore, "dataStore");
    Objects.requireNonNull(dataStoreSchema, "dataStoreSchema");
    Objects.requireNonNull(dataStoreUser, "dataStoreUser");
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
    secretChecksums = secretChecksums == null ? Map.of() : Map.copyOf(secretChecksums);
    images = images == null ? Images.defaults() : images;
  }

  /**
   * The facts that follow from the objects alone: schema and user as Kamaji picks them ({@link
   * #effectiveSchema}, {@link #effectiveUser}) and the overrides in spec order.
   *
   * @param overrideStores the DataStores named by {@code spec.dataStoreOverrides}, by name
   * @throws IllegalArgumentException if an override names a DataStore not in {@code overrideStores}
   */
  public static ResolvedFacts resolve(
      TenantControlPlane tcp,
      DataStore dataStore,
      Map<String, DataStore> overrideStores,
      String address,
      Map<String, String> secretChecksums,
      Images images) {
    List<EtcdOverride> overrides = new ArrayList<>();
    if (tcp.getSpec() != null && tcp.getSpec().getDataStoreOverrides() != null) {
      for (DataStoreOverride o : tcp.getSpec().getDataStoreOverrides()) {
        DataStore ds = overrideStores.get(o.getDataStore());
        if (ds == null) {
          throw new IllegalArgumentException(
              "no DataStore " + o.getDataStore() + " for override " + o.getResource());
        }
        overrides.add(new EtcdOverride(o.getResource(), ds.getSpec().getEndpoints()));
      }
    }
    return new ResolvedFacts(
        DataStoreFacts.of(dataStore),
        overrides,
        effectiveSchema(tcp),
        effectiveUser(tcp),
        address,
        secretChecksums,
        images);
  }

  /**
   * A copy with another datastore user: for NATS, Kamaji uses the DataStore's own basic-auth user
   * name, which only the caller can read from its Secret.
   */
  public ResolvedFacts withDataStoreUser(String user) {
    return new ResolvedFacts(
        dataStore, overrides, dataStoreSchema, user, address, secretChecksums, images);
  }

  /** A copy with the control-plane address set (it becomes known after the Service exists). */
  public ResolvedFacts withAddress(String newAddress) {
    return new ResolvedFacts(
        dataStore, overrides, dataStoreSchema, dataStoreUser, newAddress, secretChecksums, images);
  }

  /** A copy with other Secret checksums. */
  public ResolvedFacts withSecretChecksums(Map<String, String> checksums) {
    return new ResolvedFacts(
        dataStore, overrides, dataStoreSchema, dataStoreUser, address, checksums, images);
  }

  /** The checksum of a Secret, or "" when unknown. */
  public String checksumOf(String secretName) {
    return secretChecksums.getOrDefault(secretName, "");
  }

  /**
   * Kamaji's choice of schema: the one already set up (status) wins, then the spec, then the UID.
   */
  public static String effectiveSchema(TenantControlPlane tcp) {
    var status = tcp.getStatus();
    if (status != null
        && status.getStorage() != null
        && status.getStorage().getSetup() != null
        && notEmpty(status.getStorage().getSetup().getSchema())) {
      return status.getStorage().getSetup().getSchema();
    }
    if (tcp.getSpec() != null && notEmpty(tcp.getSpec().getDataStoreSchema())) {
      return tcp.getSpec().getDataStoreSchema();
    }
    return tcp.getMetadata().getUid();
  }

  /** Kamaji's choice of user: status, then spec, then the UID. */
  public static String effectiveUser(TenantControlPlane tcp) {
    var status = tcp.getStatus();
    if (status != null
        && status.getStorage() != null
        && status.getStorage().getSetup() != null
        && notEmpty(status.getStorage().getSetup().getUser())) {
      return status.getStorage().getSetup().getUser();
    }
    if (tcp.getSpec() != null && notEmpty(tcp.getSpec().getDataStoreUsername())) {
      return tcp.getSpec().getDataStoreUsername();
    }
    return tcp.getMetadata().getUid();
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  /**
   * The parts of a DataStore the builders use.
   *
   * @param name the DataStore's name (the {@code component.kamaji.clastix.io/datastore} label)
   * @param driver one of {@link dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver}
   * @param endpoints {@code host:port}, in spec order
   * @param tls whether {@code tlsConfig} is set
   * @param clientCertificate whether {@code tlsConfig.clientCertificate} is set
   */
  public record DataStoreFacts(
      String name, String driver, List<String> endpoints, boolean tls, boolean clientCertificate) {

    public DataStoreFacts {
      Objects.requireNonNull(driver, "driver");
      endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public static DataStoreFacts of(DataStore ds) {
      DataStoreSpec spec = ds.getSpec();
      return new DataStoreFacts(
          ds.getMetadata().getName(),
          spec.getDriver(),
          spec.getEndpoints(),
          spec.getTlsConfig() != null,
          spec.getTlsConfig() != null && spec.getTlsConfig().getClientCertificate() != null);
    }

    /** MySQL, PostgreSQL and NATS are reached through a kine sidecar. */
    public boolean usesKine() {
      return !dev.controlplanes.kamaji.api.v1alpha1.DataStoreDriver.ETCD.equals(driver);
    }
  }

  /** One {@code dataStoreOverrides} entry: a resource prefix and its etcd endpoints. */
  public record EtcdOverride(String resource, List<String> endpoints) {
    public EtcdOverride {
      endpoints = List.copyOf(endpoints);
    }
  }

  /**
   * Images the controller is configured with.
   *
   * @param kine the kine image (Kamaji's {@code --kine-image})
   * @param konnectivityServer if set, replaces {@code <server.image>:<version>} for the sidecar (so
   *     our own konnectivity proxy can run there)
   * @param konnectivityServerCommand the sidecar's command; null means {@code /proxy-server}
   */
  public record Images(
      String kine, String konnectivityServer, List<String> konnectivityServerCommand) {

    public static final String DEFAULT_KINE = "rancher/kine:v0.11.10-amd64";

    public Images {
      Objects.requireNonNull(kine, "kine");
      konnectivityServerCommand =
          konnectivityServerCommand == null ? null : List.copyOf(konnectivityServerCommand);
    }

    public static Images defaults() {
      return new Images(DEFAULT_KINE, null, null);
    }
  }
}
