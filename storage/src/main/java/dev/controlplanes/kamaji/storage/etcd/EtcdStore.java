package dev.controlplanes.kamaji.storage.etcd;

import static dev.controlplanes.kamaji.storage.etcd.EtcdKeys.bytes;

import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.ListOptions;
import dev.controlplanes.kamaji.storage.ListResult;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import dev.controlplanes.kamaji.storage.Store;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchListener;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The {@link Store} on etcd v3: every write is a transaction guarded by a revision comparison, and
 * every read is linearizable.
 *
 * <p>Every method blocks for at most the configured request timeout. {@link #watch} returns once
 * etcd has confirmed the watch; each watch then delivers on a thread of its own until it ends or
 * the store is closed. Closing the store ends its watches without calling their listeners.
 */
public final class EtcdStore implements Store {

  private static final ByteSequence PROBE_KEY = bytes("health");
  private static final GetOption COUNT_ONLY = GetOption.builder().withCountOnly(true).build();
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  private final Client client;
  private final KV kv;
  private final Duration timeout;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private EtcdStore(Client client, Duration timeout) {
    this.client = client;
    this.kv = client.getKVClient();
    this.timeout = timeout;
  }

  /**
   * Creates a store for the etcd cluster in {@code config}. Connections are made on first use, so
   * this does not fail when etcd is down; {@link #isHealthy()} tells whether it answers.
   */
  public static EtcdStore connect(EtcdStoreConfig config) {
    Objects.requireNonNull(config, "config");
    return new EtcdStore(EtcdClients.build(config), config.requestTimeout());
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    ByteSequence k = bytes(key);
    TxnResponse response =
        call(
            key,
            () ->
                kv.txn()
                    .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)))
                    .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                    .commit());
    if (!response.isSucceeded()) {
      throw new StorageException(Code.KEY_EXISTS, key, "key already exists: " + key);
    }
    long revision = response.getHeader().getRevision();
    return new KeyValue(key, value.clone(), revision, revision);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Objects.requireNonNull(key, "key");
    GetResponse response = call(key, () -> kv.get(bytes(key)));
    return response.getKvs().stream().findFirst().map(EtcdKeys::toKeyValue);
  }

  @Override
  public CompletableFuture<Optional<KeyValue>> getAsync(String key) {
    Objects.requireNonNull(key, "key");
    CompletableFuture<GetResponse> call;
    try {
      ensureOpen();
      call = kv.get(bytes(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(EtcdErrors.toStorageException(e, key));
    }
    return call.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (response, failure) -> {
              if (failure != null) {
                call.cancel(true);
                throw EtcdErrors.toStorageException(failure, key);
              }
              return response.getKvs().stream().findFirst().map(EtcdKeys::toKeyValue);
            });
  }

  @Override
  public ListResult list(String prefix, ListOptions options) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(options, "options");
    String start = options.startKey() == null ? prefix : options.startKey();
    if (!start.startsWith(prefix)) {
      throw new IllegalArgumentException("startKey " + start + " is outside prefix " + prefix);
    }
    if (options.revision() < 0 || options.limit() < 0) {
      throw new IllegalArgumentException("negative revision or limit: " + options);
    }
    GetOption option =
        GetOption.builder()
            .withRange(EtcdKeys.rangeEnd(prefix))
            .withRevision(options.revision())
            .withLimit(options.limit())
            .withKeysOnly(options.keysOnly())
            .build();
    GetResponse response = call(prefix, () -> kv.get(EtcdKeys.rangeStart(start), option));
    List<KeyValue> items = response.getKvs().stream().map(EtcdKeys::toKeyValue).toList();
    // etcd's header carries the newest revision even when reading an older one.
    long revision =
        options.revision() > 0 ? options.revision() : response.getHeader().getRevision();
    return new ListResult(items, revision, response.isMore(), response.getCount() - items.size());
  }

  @Override
  public KeyValue update(String key, long expectedModRevision, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    requirePositive(expectedModRevision);
    ByteSequence k = bytes(key);
    TxnResponse response =
        call(
            key,
            () ->
                kv.txn()
                    .If(modRevisionIs(k, expectedModRevision))
                    .Then(
                        Op.put(
                            k, ByteSequence.from(value), PutOption.builder().withPrevKV().build()))
                    .Else(Op.get(k, GetOption.DEFAULT))
                    .commit());
    if (!response.isSucceeded()) {
      throw preconditionFailed(key, expectedModRevision, response);
    }
    long createRevision = response.getPutResponses().get(0).getPrevKv().getCreateRevision();
    return new KeyValue(key, value.clone(), createRevision, response.getHeader().getRevision());
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    Objects.requireNonNull(key, "key");
    requirePositive(expectedModRevision);
    ByteSequence k = bytes(key);
    TxnResponse response =
        call(
            key,
            () ->
                kv.txn()
                    .If(modRevisionIs(k, expectedModRevision))
                    .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                    .Else(Op.get(k, GetOption.DEFAULT))
                    .commit());
    if (!response.isSucceeded()) {
      throw preconditionFailed(key, expectedModRevision, response);
    }
    KeyValue last = EtcdKeys.toKeyValue(response.getDeleteResponses().get(0).getPrevKvs().get(0));
    return new KeyValue(
        key, last.value(), last.createRevision(), response.getHeader().getRevision());
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    if (afterRevision < 0) {
      throw new IllegalArgumentException("negative revision: " + afterRevision);
    }
    ensureOpen();
    EtcdWatch watch = new EtcdWatch(prefix, listener, watches::remove);
    watches.add(watch);
    watch.start(client.getWatchClient(), afterRevision, timeout);
    return watch;
  }

  @Override
  public long currentRevision() {
    return call(null, () -> kv.get(PROBE_KEY, COUNT_ONLY)).getHeader().getRevision();
  }

  @Override
  public void compact(long revision) {
    requirePositive(revision);
    try {
      call(null, () -> kv.compact(revision));
    } catch (StorageException e) {
      // Someone compacted at or past this revision already: the history is gone, as asked.
      if (e.code() != Code.EXPIRED) {
        throw e;
      }
    }
  }

  @Override
  public boolean isHealthy() {
    try {
      Duration within = timeout.compareTo(HEALTH_TIMEOUT) < 0 ? timeout : HEALTH_TIMEOUT;
      await(null, () -> kv.get(PROBE_KEY, COUNT_ONLY), within);
      return true;
    } catch (StorageException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      List.copyOf(watches).forEach(EtcdWatch::close);
      client.close();
    }
  }

  private static Cmp modRevisionIs(ByteSequence key, long revision) {
    return new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(revision));
  }

  private static StorageException preconditionFailed(
      String key, long expected, TxnResponse response) {
    List<io.etcd.jetcd.KeyValue> current = response.getGetResponses().get(0).getKvs();
    if (current.isEmpty()) {
      return new StorageException(Code.KEY_NOT_FOUND, key, "key not found: " + key);
    }
    return new StorageException(
        Code.CONFLICT,
        key,
        "key "
            + key
            + " was modified at revision "
            + current.get(0).getModRevision()
            + ", expected "
            + expected);
  }

  private static void requirePositive(long revision) {
    if (revision <= 0) {
      throw new IllegalArgumentException("revision must be positive: " + revision);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the etcd store is closed");
    }
  }

  private <T> T call(String key, Supplier<CompletableFuture<T>> request) {
    return await(key, request, timeout);
  }

  private <T> T await(String key, Supplier<CompletableFuture<T>> request, Duration within) {
    ensureOpen();
    CompletableFuture<T> future = null;
    try {
      future = request.get();
      return future.get(within.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw EtcdErrors.toStorageException(e.getCause(), key);
    } catch (TimeoutException | InterruptedException | RuntimeException e) {
      if (future != null) {
        future.cancel(true);
      }
      throw EtcdErrors.toStorageException(e, key);
    }
  }
}
