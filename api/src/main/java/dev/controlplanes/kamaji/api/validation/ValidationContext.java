package dev.controlplanes.kamaji.api.validation;

import dev.controlplanes.kamaji.api.KamajiApi;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What TenantControlPlane validation needs to know beyond the object itself: the highest Kubernetes
 * version the server supports, and facts about the management cluster. The server implements it
 * over its caches; tests use {@link #of(String, Predicate)}.
 */
public interface ValidationContext {

  /** The highest supported Kubernetes version, such as {@code v1.36.0}; the patch is ignored. */
  String supportedVersion();

  /** True when a DataStore of that name exists. */
  boolean dataStoreExists(String name);

  /**
   * The driver of the DataStore of that name, when it exists and is known; a change of {@code
   * spec.dataStore} must keep the driver, since only the data of one driver can be migrated.
   */
  default Optional<String> dataStoreDriver(String name) {
    return Optional.empty();
  }

  /** True when the Gateway API is served by the management cluster; checked for spec.gateway. */
  default boolean gatewayApiAvailable() {
    return true;
  }

  /** True when TLSRoutes are served by the management cluster; checked for spec.gateway. */
  default boolean tlsRouteAvailable() {
    return true;
  }

  /** A context with the given ceiling and DataStore lookup, and the Gateway API available. */
  static ValidationContext of(String supportedVersion, Predicate<String> dataStoreExists) {
    return new Fixed(supportedVersion, dataStoreExists, true, true);
  }

  /** A context with Kamaji's supported version and the given DataStore lookup. */
  static ValidationContext withDataStores(Predicate<String> dataStoreExists) {
    return of(KamajiApi.SUPPORTED_KUBERNETES_VERSION, dataStoreExists);
  }

  /** A context whose facts are fixed values. */
  record Fixed(
      String supportedVersion,
      Predicate<String> dataStores,
      boolean gatewayApiAvailable,
      boolean tlsRouteAvailable)
      implements ValidationContext {

    public Fixed {
      Objects.requireNonNull(supportedVersion, "supportedVersion");
      Objects.requireNonNull(dataStores, "dataStores");
    }

    @Override
    public boolean dataStoreExists(String name) {
      return dataStores.test(name);
    }
  }
}
