package dev.controlplanes.kamaji.storage.etcd;

import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import dev.controlplanes.kamaji.storage.Watch;
import dev.controlplanes.kamaji.storage.WatchEvent;
import dev.controlplanes.kamaji.storage.WatchListener;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd watch, delivered to a {@link WatchListener} on a thread of its own.
 *
 * <p>jetcd calls back on gRPC threads; those calls only enqueue work, so a slow listener never
 * stalls the connection and the listener sees one call at a time, in stream order.
 *
 * <p>Any stream failure ends the watch. jetcd would otherwise resume by itself, but it resumes from
 * a revision it also advances on the "created" and progress headers, which can skip or repeat
 * events; callers resume correctly from the last revision they processed.
 */
final class EtcdWatch implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
  private static final AtomicLong THREAD_IDS = new AtomicLong();

  private final String prefix;
  private final WatchListener listener;
  private final Consumer<EtcdWatch> onRelease;
  private final ExecutorService dispatcher;
  private final CountDownLatch started = new CountDownLatch(1);

  /** Set once a terminal cause is chosen (or on close); later stream callbacks are dropped. */
  private final AtomicBoolean ended = new AtomicBoolean();

  private volatile boolean closed;

  /** Touched on the dispatcher thread only: true once onError has been delivered. */
  private boolean finished;

  private Watcher watcher; // guarded by this
  private boolean released; // guarded by this

  EtcdWatch(String prefix, WatchListener listener, Consumer<EtcdWatch> onRelease) {
    this.prefix = prefix;
    this.listener = listener;
    this.onRelease = onRelease;
    this.dispatcher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kamaji-etcd-watch-" + THREAD_IDS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens the etcd watch and waits (up to {@code timeout}) until etcd has registered it. */
  void start(io.etcd.jetcd.Watch client, long afterRevision, Duration timeout) {
    WatchOption option =
        WatchOption.builder()
            .withRange(EtcdKeys.rangeEnd(prefix))
            .withRevision(afterRevision == 0 ? 0 : afterRevision + 1)
            .withPrevKV(true)
            .withProgressNotify(true)
            // Waiting for "created" is what makes watch(prefix, 0) see every later write, and
            // makes requestProgress() work right away: jetcd drops it until the stream exists.
            .withCreateNotify(true)
            // A member cut off from the leader would otherwise keep the watch open and silent.
            .withRequireLeader(true)
            .build();
    try {
      attach(client.watch(EtcdKeys.rangeStart(prefix), option, new Callbacks()));
    } catch (RuntimeException e) {
      terminate(EtcdErrors.toStorageException(e, prefix));
    }
    try {
      if (!started.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        terminate(new StorageException(Code.TIMEOUT, prefix, "etcd did not confirm the watch"));
      }
    } catch (InterruptedException e) {
      terminate(EtcdErrors.toStorageException(e, prefix));
    }
  }

  @Override
  public void requestProgress() {
    Watcher w;
    synchronized (this) {
      w = released ? null : watcher;
    }
    if (w != null) {
      w.requestProgress();
    }
  }

  @Override
  public void close() {
    closed = true;
    ended.set(true);
    started.countDown();
    release();
  }

  private void attach(Watcher w) {
    boolean late;
    synchronized (this) {
      late = released;
      if (!late) {
        watcher = w;
      }
    }
    if (late) {
      w.close();
    }
  }

  private void release() {
    Watcher w;
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
      w = watcher;
    }
    if (w != null) {
      w.close();
    }
    dispatcher.shutdown();
    onRelease.accept(this);
  }

  /** The first terminal cause wins and is delivered after the work queued before it. */
  private void terminate(StorageException cause) {
    if (ended.compareAndSet(false, true)) {
      started.countDown();
      // The jetcd watcher is closed from the dispatcher: jetcd is still inside its own lock here.
      dispatch(() -> finish(cause));
    }
  }

  private void dispatch(Runnable task) {
    try {
      dispatcher.execute(task);
    } catch (RejectedExecutionException e) {
      // Released meanwhile: nobody is listening any more.
    }
  }

  private void deliver(WatchResponse response) {
    if (finished || closed) {
      return;
    }
    try {
      if (response.isProgressNotify()) {
        listener.onProgress(response.getHeader().getRevision());
        return;
      }
      for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
        WatchEvent converted = toEvent(event);
        if (closed) {
          return;
        }
        listener.onEvent(converted);
      }
    } catch (StorageException e) {
      ended.set(true);
      finish(e);
    } catch (RuntimeException e) {
      ended.set(true);
      finish(new StorageException(Code.INTERNAL, prefix, "watch listener failed", e));
    }
  }

  private void finish(StorageException cause) {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (!closed) {
        listener.onError(cause);
      }
    } catch (RuntimeException e) {
      LOG.warn("watch listener for {} failed in onError", prefix, e);
    } finally {
      release();
    }
  }

  private WatchEvent toEvent(io.etcd.jetcd.watch.WatchEvent event) {
    io.etcd.jetcd.KeyValue kv = event.getKeyValue();
    // jetcd hands out an empty KeyValue (version 0) when etcd sent no previous value.
    KeyValue previous =
        event.getPrevKV().getVersion() == 0 ? null : EtcdKeys.toKeyValue(event.getPrevKV());
    boolean created =
        event.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.PUT
            && kv.getVersion() == 1;
    if (previous == null && !created) {
      // etcd leaves the previous value out when that revision was compacted before the event was
      // sent. A delete cannot be reported without it; like a compacted start, the watcher has to
      // list again and start over.
      throw new StorageException(
          Code.EXPIRED, prefix, "etcd sent an event without its previous value");
    }
    return switch (event.getEventType()) {
      case PUT -> new WatchEvent(WatchEvent.Type.PUT, EtcdKeys.toKeyValue(kv), previous);
      case DELETE ->
          new WatchEvent(
              WatchEvent.Type.DELETE,
              new KeyValue(
                  previous.key(), previous.value(), previous.createRevision(), kv.getModRevision()),
              previous);
      default ->
          throw new StorageException(
              Code.INTERNAL, prefix, "unknown etcd event type " + event.getEventType());
    };
  }

  /** jetcd's view of the stream; every method only hands work over to the dispatcher. */
  private final class Callbacks implements io.etcd.jetcd.Watch.Listener {

    @Override
    public void onNext(WatchResponse response) {
      if (response.isCreatedNotify()) {
        started.countDown();
      } else if (!ended.get()) {
        dispatch(() -> deliver(response));
      }
    }

    @Override
    public void onError(Throwable error) {
      terminate(EtcdErrors.toStorageException(error, prefix));
    }

    @Override
    public void onCompleted() {
      // Also called when we close the watcher ourselves; then a cause was chosen already.
      terminate(new StorageException(Code.UNREACHABLE, prefix, "etcd ended the watch stream"));
    }
  }
}
