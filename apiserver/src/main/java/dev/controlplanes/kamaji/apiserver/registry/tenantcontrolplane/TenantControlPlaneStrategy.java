package dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.KamajiApi;
import dev.controlplanes.kamaji.api.defaulting.TenantControlPlaneDefaults;
import dev.controlplanes.kamaji.api.validation.ObjectMetaValidation;
import dev.controlplanes.kamaji.api.validation.TenantControlPlaneValidation;
import dev.controlplanes.kamaji.api.validation.ValidationContext;
import dev.controlplanes.kamaji.apiserver.errors.StatusException.Cause;
import dev.controlplanes.kamaji.apiserver.registry.Meta;
import dev.controlplanes.kamaji.apiserver.registry.ReferenceLookup;
import dev.controlplanes.kamaji.apiserver.registry.SchemaChecks;
import dev.controlplanes.kamaji.apiserver.registry.Strategy;
import java.util.List;
import java.util.Optional;

/**
 * Kamaji's admission for TenantControlPlanes, run in-process because kube-apiserver does not call
 * webhooks for aggregated resources: the mutating webhook's defaults on create, then every CEL rule
 * and validating-webhook check.
 */
public final class TenantControlPlaneStrategy implements Strategy {

  private final String defaultDataStore;
  private final ValidationContext context;

  /**
   * @param defaultDataStore the DataStore a TCP without {@code spec.dataStore} gets (Kamaji's
   *     {@code --datastore}); empty for none
   * @param dataStores the stored DataStores
   * @param gatewayApi whether the management cluster serves the Gateway API
   */
  public TenantControlPlaneStrategy(
      String defaultDataStore, ReferenceLookup dataStores, GatewayApiAvailability gatewayApi) {
    this.defaultDataStore = defaultDataStore;
    this.context =
        new ValidationContext() {
          @Override
          public String supportedVersion() {
            return KamajiApi.SUPPORTED_KUBERNETES_VERSION;
          }

          @Override
          public boolean dataStoreExists(String name) {
            return dataStores.test(name);
          }

          @Override
          public boolean gatewayApiAvailable() {
            return gatewayApi.gatewayApiServed();
          }

          @Override
          public boolean tlsRouteAvailable() {
            return gatewayApi.tlsRoutesServed();
          }

          @Override
          public Optional<String> dataStoreDriver(String name) {
            return dataStores
                .find(name)
                .map(d -> d.getAsJsonObject("spec"))
                .filter(spec -> spec != null && spec.has("driver"))
                .map(spec -> spec.get("driver").getAsString());
          }
        };
  }

  @Override
  public void defaultOnCreate(JsonObject object) {
    TenantControlPlaneDefaults.apply(object, defaultDataStore);
  }

  @Override
  public List<Cause> validate(JsonObject object) {
    return SchemaChecks.causes(TenantControlPlaneValidation.validate(object, context));
  }

  @Override
  public List<Cause> validateUpdate(JsonObject object, JsonObject old) {
    return SchemaChecks.causes(TenantControlPlaneValidation.validateUpdate(object, old, context));
  }

  @Override
  public List<Cause> validateStatusUpdate(JsonObject object, JsonObject old) {
    return SchemaChecks.causes(TenantControlPlaneValidation.validateStatusUpdate(object, old));
  }

  @Override
  public List<String> warnings(JsonObject object) {
    return ObjectMetaValidation.finalizerWarnings(Meta.metadata(object));
  }
}
