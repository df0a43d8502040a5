package dev.controlplanes.kamaji.storage.datastore;

import dev.controlplanes.kamaji.storage.ContentDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One administrative connection per etcd DataStore, shared by every caller, instead of a new client
 * (TLS handshake with a client certificate, a gRPC channel) per tenant: one etcd channel
 * multiplexes concurrent calls. SQL connections are not shared (a JDBC connection runs one
 * statement at a time); they are opened per use as before.
 *
 * <p>A connection is keyed by everything that reaches the DataStore (driver, endpoints, TLS
 * material, basic auth), so changed credentials get a new one. A shared connection is closed once
 * nobody has used it for {@link #IDLE}, checked whenever a connection is asked for, and at {@link
 * #close()}.
 */
public final class SharedDataStoreConnections implements AutoCloseable {

  /** How long an unused shared connection stays open. */
  public static final Duration IDLE = Duration.ofMinutes(1);

  private final Function<DataStoreEndpoint, DataStoreConnection> opener;
  private final Clock clock;
  private final Map<String, Shared> shared = new HashMap<>();
  private boolean closed;

  private static final class Shared {
    final DataStoreConnection connection;
    int users;
    Instant lastUsed;

    Shared(DataStoreConnection connection, Instant now) {
      this.connection = connection;
      this.lastUsed = now;
    }
  }

  public SharedDataStoreConnections() {
    this(DataStoreConnections::open, Clock.systemUTC());
  }

  /** With another way to open connections and another clock (tests). */
  public SharedDataStoreConnections(
      Function<DataStoreEndpoint, DataStoreConnection> opener, Clock clock) {
    this.opener = opener;
    this.clock = clock;
  }

  /**
   * A connection to {@code endpoint}; the caller closes it, which for a shared connection only
   * releases it.
   */
  public DataStoreConnection open(DataStoreEndpoint endpoint) {
    if (endpoint.driver() != DataStoreDriver.ETCD) {
      return opener.apply(endpoint);
    }
    String key = key(endpoint);
    List<DataStoreConnection> idle = new ArrayList<>();
    Shared entry;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the DataStore connections are closed");
      }
      Instant now = clock.instant();
      for (Iterator<Map.Entry<String, Shared>> it = shared.entrySet().iterator(); it.hasNext(); ) {
        Shared s = it.next().getValue();
        if (s.users == 0 && s.lastUsed.plus(IDLE).isBefore(now)) {
          idle.add(s.connection);
          it.remove();
        }
      }
      entry = shared.get(key);
      if (entry == null) {
        // Opening builds the client only; nothing is dialled until the first call.
        entry = new Shared(opener.apply(endpoint), now);
        shared.put(key, entry);
      }
      entry.users++;
    }
    idle.forEach(DataStoreConnection::close);
    return new Lease(entry);
  }

  /** How many shared connections are open. */
  public synchronized int size() {
    return shared.size();
  }

  @Override
  public void close() {
    List<Shared> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(shared.values());
      shared.clear();
    }
    all.forEach(s -> s.connection.close());
  }

  private synchronized void release(Shared entry) {
    entry.users--;
    entry.lastUsed = clock.instant();
  }

  /** A digest of everything that reaches the DataStore; the credentials never leave it. */
  private static String key(DataStoreEndpoint endpoint) {
    ContentDigest digest = ContentDigest.sha256().text(endpoint.driver().name());
    endpoint.endpoints().forEach(digest::text);
    DataStoreEndpoint.Tls tls = endpoint.tls();
    DataStoreEndpoint.BasicAuth auth = endpoint.basicAuth();
    return digest
        .bytes(tls == null ? null : tls.caCertificate())
        .bytes(tls == null ? null : tls.clientCertificate())
        .bytes(tls == null ? null : tls.clientKey())
        .text(auth == null ? null : auth.username())
        .text(auth == null ? null : auth.password())
        .hex();
  }

  /** The caller's use of a shared connection: every call goes through, close releases. */
  private final class Lease implements DataStoreConnection {

    private final Shared entry;
    private boolean released;

    Lease(Shared entry) {
      this.entry = entry;
    }

    @Override
    public void check() {
      entry.connection.check();
    }

    @Override
    public void setUp(TenantDatabase tenant) {
      entry.connection.setUp(tenant);
    }

    @Override
    public boolean isSetUp(TenantDatabase tenant) {
      return entry.connection.isSetUp(tenant);
    }

    @Override
    public void tearDown(TenantDatabase tenant) {
      entry.connection.tearDown(tenant);
    }

    @Override
    public void copyTenantData(String schema, DataStoreConnection target) {
      // A driver copies only to its own kind of connection, not to a lease of one.
      DataStoreConnection to = target instanceof Lease lease ? lease.entry.connection : target;
      entry.connection.copyTenantData(schema, to);
    }

    @Override
    public void dropTenantData(String schema) {
      entry.connection.dropTenantData(schema);
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        release(entry);
      }
    }
  }
}
