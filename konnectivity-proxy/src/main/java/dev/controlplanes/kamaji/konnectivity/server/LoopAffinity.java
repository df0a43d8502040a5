package dev.controlplanes.kamaji.konnectivity.server;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the two channels of a tunnel on one event loop where it can. A dial crosses two channels,
 * the frontend's and the agent's; on different loops every DIAL_REQ, DIAL_RSP and DATA packet is
 * handed to another thread and wakes it, and on a busy machine that wake-up is most of the tail of
 * the dial latency (docs/benchmarks.md). Go's runtime avoids much of it by running the woken
 * goroutine on the thread that woke it.
 *
 * <p>So each new frontend connection is registered on the loop of an agent drawn as the {@code
 * default} strategy draws one ({@link AffineEventLoopGroup}), and its first dial prefers the agents
 * of that loop ({@link Backends#pick(String, Thread)}). Every agent stays equally likely to be
 * chosen: a loop receives connections in proportion to its agents and splits them evenly among
 * them. kube-apiserver opens a connection per dial, so this covers its every dial; further dials on
 * one connection are drawn among all agents, as without affinity.
 */
final class LoopAffinity {

  /** The event-loop thread of a connection, and whether its first dial has been made. */
  static final Attributes.Key<Home> HOME = Attributes.Key.create("konnectivity.loop-home");

  private LoopAffinity() {}

  /** A connection's home: the thread of the event loop its channel is registered on. */
  static final class Home {
    private final Thread loopThread;
    private final AtomicBoolean firstDialMade = new AtomicBoolean();

    Home(Thread loopThread) {
      this.loopThread = loopThread;
    }

    Thread loopThread() {
      return loopThread;
    }

    /** The loop its first dial should prefer; null from the second dial on. */
    Thread claimFirstDial() {
      return firstDialMade.compareAndSet(false, true) ? loopThread : null;
    }
  }

  /**
   * Records each connection's home. gRPC calls {@code transportReady} on the connection's event
   * loop (when the client's first SETTINGS frame is read), so the current thread is that loop's.
   */
  static ServerTransportFilter recorder() {
    return new ServerTransportFilter() {
      @Override
      public Attributes transportReady(Attributes attributes) {
        return attributes.toBuilder().set(HOME, new Home(Thread.currentThread())).build();
      }
    };
  }

  /** The home recorded for a call's connection, or null (a transport without the recorder). */
  static Home home(Attributes attributes) {
    return attributes == null ? null : attributes.get(HOME);
  }
}
