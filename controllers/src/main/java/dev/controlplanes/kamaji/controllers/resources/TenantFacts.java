package dev.controlplanes.kamaji.controllers.resources;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreOverride;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.controllers.errors.DataStoreNotReadyException;
import dev.controlplanes.kamaji.controllers.model.Checksums;
import dev.controlplanes.kamaji.controllers.model.Names;
import dev.controlplanes.kamaji.controllers.model.ResolvedFacts;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Looks up what the pure builders need ({@link ResolvedFacts}) for the TenantControlPlane as it is
 * now: the DataStore, overrides, schema and user, the address once the Service step recorded it,
 * and the checksum of every mounted Secret.
 */
public final class TenantFacts {

  private TenantFacts() {}

  public static ResolvedFacts of(TenantControlPlane tcp, TenantContext context) {
    Map<String, DataStore> overrideStores = new TreeMap<>();
    if (tcp.getSpec() != null && tcp.getSpec().getDataStoreOverrides() != null) {
      for (DataStoreOverride o : tcp.getSpec().getDataStoreOverrides()) {
        overrideStores.put(
            o.getDataStore(),
            context
                .clients()
                .dataStores()
                .cached(null, o.getDataStore())
                .orElseThrow(
                    () -> new DataStoreNotReadyException(o.getDataStore(), "it does not exist")));
      }
    }
    return ResolvedFacts.resolve(
        tcp,
        context.dataStore(),
        overrideStores,
        ControlPlaneAddress.known(tcp).orElse(null),
        secretChecksums(tcp, context),
        new ResolvedFacts.Images(
            context.options().kineImage(),
            context.options().konnectivityImage().isEmpty()
                ? null
                : context.options().konnectivityImage(),
            null));
  }

  private static Map<String, String> secretChecksums(
      TenantControlPlane tcp, TenantContext context) {
    String tcpName = tcp.getMetadata().getName();
    List<String> names = new ArrayList<>();
    for (PkiSecret secret : PkiSecret.values()) {
      names.add(secret.secretName(tcpName));
    }
    names.add(Names.dataStoreConfig(tcp));
    Map<String, String> checksums = new TreeMap<>();
    for (String name : names) {
      Map<String, byte[]> data = context.secretData(tcp.getMetadata().getNamespace(), name);
      if (!data.isEmpty()) {
        checksums.put(name, Checksums.ofSecretData(data));
      }
    }
    return checksums;
  }
}
