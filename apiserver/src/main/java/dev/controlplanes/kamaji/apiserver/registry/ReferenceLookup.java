package dev.controlplanes.kamaji.apiserver.registry;

import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a cluster-scoped object that another object refers to exists, for validation (a
 * TenantControlPlane's DataStore), asked of the referenced resource's store ({@link
 * GenericStore#exists}) once the server has built it.
 */
public final class ReferenceLookup implements Predicate<String> {

  private volatile GenericStore referenced;

  /** Answers from {@code store} from now on: the referenced resource's. */
  public void use(GenericStore store) {
    this.referenced = store;
  }

  @Override
  public boolean test(String name) {
    GenericStore store = referenced;
    if (store == null) {
      throw new IllegalStateException("the referenced resource is not served yet");
    }
    return store.exists("", name);
  }

  /** The referenced object, when it exists. */
  public Optional<JsonObject> find(String name) {
    GenericStore store = referenced;
    if (store == null) {
      throw new IllegalStateException("the referenced resource is not served yet");
    }
    return store.find("", name);
  }
}
