package dev.controlplanes.kamaji.storage.testing;

import dev.controlplanes.kamaji.storage.etcd.EtcdStore;
import dev.controlplanes.kamaji.storage.etcd.EtcdStoreConfig;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class an {@link EtcdStore} on a real etcd and a key prefix of its own.
 *
 * <p>One etcd serves the whole test run (one per JVM): it starts when the first class needs it and
 * stops when the run ends (or, failing that, when the JVM exits). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
 * }</pre>
 *
 * <p>Classes share the keyspace and the revision counter, so each must stay under its {@link
 * #prefix()}. Compaction is cluster-wide: a test that compacts must only rely on revisions it
 * created afterwards, which holds as long as classes do not run in parallel.
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EtcdExtension.class);

  private EtcdServer server;
  private EtcdStore store;
  private String prefix;
  private Class<?> owner;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (store != null) {
      return; // a @Nested class of the class that set us up
    }
    // The root store closes AutoCloseable values when the run ends.
    server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(EtcdServer.class, k -> EtcdServer.start(), EtcdServer.class);
    owner = context.getRequiredTestClass();
    prefix =
        "/kamaji-test/"
            + owner.getSimpleName()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "/";
    store = EtcdStore.connect(config());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (store != null && context.getRequiredTestClass() == owner) {
      store.close();
      store = null;
    }
  }

  /** The store of this test class; closed after the class. */
  public EtcdStore store() {
    if (store == null) {
      throw new IllegalStateException("register EtcdExtension on a static field");
    }
    return store;
  }

  /** A prefix no other test class uses, ending in "/". */
  public String prefix() {
    store();
    return prefix;
  }

  /** The etcd client URL, for tests that build their own client or store. */
  public URI endpoint() {
    store();
    return server.clientUrl();
  }

  /** A configuration for another store on the same etcd. */
  public EtcdStoreConfig config() {
    return EtcdStoreConfig.of(server.clientUrl().toString());
  }
}
