package dev.controlplanes.kamaji.storage.etcd;

import dev.controlplanes.kamaji.storage.Store;
import dev.controlplanes.kamaji.storage.testing.EtcdExtension;
import dev.controlplanes.kamaji.storage.testing.StoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against a real etcd. */
class EtcdStoreIT extends StoreContract {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @Override
  protected Store store() {
    return ETCD.store();
  }

  @Override
  protected String keyPrefix() {
    return ETCD.prefix();
  }
}
