package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent stream ({@code AgentService/Connect}): every connection of that agent is multiplexed on
 * it. Pending dials are keyed by dial ID and established connections by connectID, both per stream,
 * so two streams of the same agent never collide.
 *
 * <p>Backpressure, agent to frontends: each frontend buffers up to {@code queueBytes}; above that
 * the agent stream stops reading (which, through HTTP/2 flow control, slows the agent) until the
 * buffer drains, but for at most {@code stallTimeout} per connection: then that connection alone is
 * closed and reading resumes. So a slow reader delays the others by a bounded time and never makes
 * the server buffer without bound. Frontends to agent: a frontend reads its next packet only when
 * the agent stream's transport is ready.
 */
public final class Backend {

  private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

  private final String agentId;
  private final AgentIdentifiers identifiers;
  private final Thread loopThread;
  private final PacketStream stream;
  private final IntConsumer request;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService timer;
  private final long queueBytes;
  private final Duration stallTimeout;

  private final Map<Long, Connection> pending = new ConcurrentHashMap<>();
  private final Map<Long, Connection> established = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Runnable> writersWaiting = new ConcurrentLinkedQueue<>();
  private volatile boolean draining;
  private volatile boolean gone;

  // Guarded by this: frontends whose buffers are over the limit, and whether reading is paused.
  private final Map<Connection, ScheduledFuture<?>> slowReaders = new HashMap<>();
  private boolean readPaused;

  Backend(
      String agentId,
      AgentIdentifiers identifiers,
      Thread loopThread,
      PacketStream stream,
      IntConsumer request,
      ServerMetrics metrics,
      ScheduledExecutorService timer,
      long queueBytes,
      Duration stallTimeout) {
    this.agentId = agentId;
    this.identifiers = identifiers;
    this.loopThread = loopThread;
    this.stream = stream;
    this.request = request;
    this.metrics = metrics;
    this.timer = timer;
    this.queueBytes = queueBytes;
    this.stallTimeout = stallTimeout;
  }

  public String agentId() {
    return agentId;
  }

  public AgentIdentifiers identifiers() {
    return identifiers;
  }

  /** The thread of the event loop that serves this agent stream, or null if unknown. */
  Thread loopThread() {
    return loopThread;
  }

  public boolean isDraining() {
    return draining;
  }

  public int establishedCount() {
    return established.size();
  }

  public int pendingCount() {
    return pending.size();
  }

  /**
   * Registers a pending dial and forwards its DIAL_REQ.
   *
   * @return false if this agent stream is already gone (the caller picks another or fails)
   */
  boolean dial(long random, Packet dialRequest, Connection connection) {
    pending.put(random, connection);
    metrics.pendingBackendDials.inc();
    if (gone || !send(dialRequest)) {
      if (pending.remove(random) != null) {
        metrics.pendingBackendDials.dec();
      }
      return false;
    }
    return true;
  }

  /** Forgets a pending dial (frontend cancelled or timed out) and tells the agent. */
  boolean cancelDial(long random) {
    if (pending.remove(random) == null) {
      return false;
    }
    metrics.pendingBackendDials.dec();
    send(Packets.closeDial(random));
    return true;
  }

  /** The frontend asked to close: forward CLOSE_REQ, keep routing the agent's CLOSE_RSP. */
  void requestClose(long connectId) {
    send(Packets.closeRequest(connectId));
  }

  /** The frontend is gone: forget the connection and close it at the agent. */
  void abandon(long connectId, Connection connection) {
    if (established.remove(connectId, connection)) {
      metrics.establishedConnections.dec();
      unblock(connection);
      send(Packets.closeRequest(connectId));
    }
  }

  /**
   * Forwards frontend data to the agent.
   *
   * @param resume run when the agent stream can take more, if this returns false
   * @return true if the frontend may read its next packet now
   */
  boolean sendData(Packet data, Runnable resume) {
    send(data);
    if (stream.isIdle()) {
      return true;
    }
    writersWaiting.add(resume);
    // The stream may have drained between the check and the enqueue.
    if (stream.isIdle()) {
      resumeWriters();
    }
    return false;
  }

  boolean send(Packet packet) {
    metrics.packet("to_agent", packet.getType());
    return stream.send(packet);
  }

  /** Transport became writable: flush, then let waiting frontends read again. */
  void onReady() {
    stream.drain();
    if (stream.isIdle()) {
      resumeWriters();
    }
  }

  private void resumeWriters() {
    Runnable r;
    while ((r = writersWaiting.poll()) != null) {
      r.run();
    }
  }

  /** One packet from the agent. Called serially by the transport. */
  void onPacket(Packet packet) {
    metrics.packet("from_agent", packet.getType());
    switch (packet.getType()) {
      case DIAL_RSP -> onDialResponse(packet);
      case DATA -> onData(packet);
      case CLOSE_RSP -> {
        Connection c = established.remove(packet.getCloseResponse().getConnectID());
        if (c != null) {
          metrics.establishedConnections.dec();
          unblock(c);
          c.onCloseResponse(packet);
        }
      }
      case DIAL_CLS -> {
        Connection c = pending.remove(packet.getCloseDial().getRandom());
        if (c != null) {
          metrics.pendingBackendDials.dec();
          c.onDialClose(packet);
        }
      }
      case DRAIN -> {
        LOG.info("agent {} is draining", agentId);
        draining = true;
      }
      default -> LOG.debug("ignoring {} from agent {}", packet.getType(), agentId);
    }
    requestNext();
  }

  private void onDialResponse(Packet packet) {
    long random = packet.getDialResponse().getRandom();
    long connectId = packet.getDialResponse().getConnectID();
    Connection c = pending.remove(random);
    if (c == null) {
      metrics.dialFailure("unrecognized_response");
      // Nobody waits for this dial any more (cancelled or timed out): close the orphan.
      if (connectId != 0 && packet.getDialResponse().getError().isEmpty()) {
        send(Packets.closeRequest(connectId));
      }
      return;
    }
    metrics.pendingBackendDials.dec();
    if (packet.getDialResponse().getError().isEmpty()) {
      established.put(connectId, c);
      metrics.establishedConnections.inc();
    } else {
      metrics.dialFailure("error_response");
    }
    c.onDialResponse(packet);
  }

  private void onData(Packet packet) {
    long connectId = packet.getData().getConnectID();
    if (connectId == 0) {
      return;
    }
    Connection c = established.get(connectId);
    if (c == null) {
      send(Packets.closeRequest(connectId));
      return;
    }
    if (c.onData(packet) > queueBytes) {
      block(c);
    }
  }

  private synchronized void block(Connection c) {
    if (slowReaders.containsKey(c)) {
      return;
    }
    slowReaders.put(
        c, timer.schedule(() -> evict(c), stallTimeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** A frontend's buffer drained below the limit (or it went away). */
  void unblock(Connection c) {
    boolean resume;
    synchronized (this) {
      ScheduledFuture<?> f = slowReaders.remove(c);
      if (f == null) {
        return;
      }
      f.cancel(false);
      resume = slowReaders.isEmpty() && readPaused;
      if (resume) {
        readPaused = false;
      }
    }
    if (resume) {
      request.accept(1);
    }
  }

  private void evict(Connection c) {
    Long connectId = null;
    for (Map.Entry<Long, Connection> e : established.entrySet()) {
      if (e.getValue() == c) {
        connectId = e.getKey();
      }
    }
    if (connectId != null && established.remove(connectId, c)) {
      metrics.establishedConnections.dec();
      metrics.slowFrontendCloses.inc();
      LOG.warn("closing connection {} of agent {}: frontend stopped reading", connectId, agentId);
      send(Packets.closeRequest(connectId));
      c.onEvicted("frontend did not read for " + stallTimeout.toSeconds() + "s");
    }
    unblock(c);
  }

  private void requestNext() {
    synchronized (this) {
      if (!slowReaders.isEmpty()) {
        if (!readPaused) {
          metrics.agentStreamPauses.inc();
        }
        readPaused = true;
        return;
      }
    }
    request.accept(1);
  }

  /** The agent stream ended: every pending dial fails now, every connection closes now. */
  void onGone() {
    gone = true;
    List<Connection> dials = removeAll(pending);
    metrics.pendingBackendDials.dec(dials.size());
    List<Connection> conns = removeAll(established);
    metrics.establishedConnections.dec(conns.size());
    synchronized (this) {
      slowReaders.values().forEach(f -> f.cancel(false));
      slowReaders.clear();
    }
    for (Connection c : dials) {
      metrics.dialFailure("backend_close");
      c.onBackendGone();
    }
    conns.forEach(Connection::onBackendGone);
    resumeWriters();
  }

  private static List<Connection> removeAll(Map<Long, Connection> map) {
    List<Connection> removed = new ArrayList<>();
    for (Long key : List.copyOf(map.keySet())) {
      Connection c = map.remove(key);
      if (c != null) {
        removed.add(c);
      }
    }
    return removed;
  }

  boolean isGone() {
    return gone;
  }
}
