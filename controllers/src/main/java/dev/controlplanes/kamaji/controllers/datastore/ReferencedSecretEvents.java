package dev.controlplanes.kamaji.controllers.datastore;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.controllers.kube.ObjectClient;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.function.Consumer;

/** Calls back with the name of every cached DataStore that takes credentials from a Secret. */
public record ReferencedSecretEvents(ObjectClient<DataStore> dataStores, Consumer<String> onChange)
    implements ResourceEventHandler<V1Secret> {

  @Override
  public void onAdd(V1Secret secret) {
    changed(secret);
  }

  @Override
  public void onUpdate(V1Secret before, V1Secret after) {
    changed(after);
  }

  @Override
  public void onDelete(V1Secret secret, boolean finalStateUnknown) {
    changed(secret);
  }

  private void changed(V1Secret secret) {
    if (secret.getMetadata() == null) {
      return;
    }
    String key = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    for (DataStore dataStore : dataStores.cachedList()) {
      if (DataStoreSecrets.referencedBy(dataStore).contains(key)) {
        onChange.accept(dataStore.getMetadata().getName());
      }
    }
  }
}
