package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frontend {@code ProxyService/Proxy} stream, which carries at most one tunnelled connection:
 * NEW → PENDING (DIAL_REQ forwarded) → ESTABLISHED (DIAL_RSP ok) → CLOSING (CLOSE_REQ forwarded) →
 * DONE. The frontend reads its next packet only when the agent stream can take it.
 */
final class GrpcTunnel extends ServerCall.Listener<Packet> implements Connection {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcTunnel.class);

  private enum State {
    NEW,
    PENDING,
    ESTABLISHED,
    CLOSING,
    DONE
  }

  private final ServerCall<Packet, Packet> call;
  private final PacketStream out;
  private final Backends backends;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService timer;
  private final Duration dialTimeout;

  // Guarded by this.
  private State state = State.NEW;
  private Backend backend;
  private long random;
  private long connectId;
  private long dialStartNanos;
  private ScheduledFuture<?> dialTimer;

  GrpcTunnel(
      ServerCall<Packet, Packet> call,
      PacketStream out,
      Backends backends,
      ServerMetrics metrics,
      ScheduledExecutorService timer,
      Duration dialTimeout) {
    this.call = call;
    this.out = out;
    this.backends = backends;
    this.metrics = metrics;
    this.timer = timer;
    this.dialTimeout = dialTimeout;
  }

  @Override
  public void onMessage(Packet packet) {
    metrics.packet("from_client", packet.getType());
    boolean readNext =
        switch (packet.getType()) {
          case DIAL_REQ -> onDialRequest(packet);
          case DATA -> onFrontendData(packet);
          case CLOSE_REQ -> onCloseRequest(packet);
          case DIAL_CLS -> onFrontendDialClose(packet);
          default -> true;
        };
    if (readNext) {
      call.request(1);
    }
  }

  private synchronized boolean onDialRequest(Packet packet) {
    long dialId = packet.getDialRequest().getRandom();
    if (state != State.NEW) {
      // One Proxy stream carries one connection; a second dial is refused, the first kept.
      toFrontend(Packets.dialFailed(dialId, "tunnel already used for a dial"));
      return true;
    }
    random = dialId;
    dialStartNanos = System.nanoTime();
    LoopAffinity.Home home = LoopAffinity.home(call.getAttributes());
    Backend b =
        backends.pick(
            packet.getDialRequest().getAddress(), home == null ? null : home.claimFirstDial());
    if (b == null || !b.dial(random, packet, this)) {
      metrics.dialFailure(b == null ? "no_agent" : "send_rsp");
      state = State.DONE;
      toFrontend(Packets.dialFailed(random, "No agent available"));
      out.closeAfterDrain(Status.OK);
      return false;
    }
    backend = b;
    state = State.PENDING;
    if (!dialTimeout.isZero()) {
      dialTimer =
          timer.schedule(this::onDialTimeout, dialTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    return true;
  }

  private synchronized void onDialTimeout() {
    if (state == State.PENDING && backend.cancelDial(random)) {
      metrics.dialFailure("backend_dial_timeout");
      finish(Packets.dialFailed(random, "timed out waiting for backend dial"));
    }
  }

  private boolean onFrontendData(Packet packet) {
    Backend b;
    synchronized (this) {
      if (state != State.ESTABLISHED) {
        return state != State.DONE;
      }
      if (packet.getData().getConnectID() != connectId) {
        LOG.warn(
            "frontend sent data for connection {} on {}",
            packet.getData().getConnectID(),
            connectId);
        backend.abandon(connectId, this);
        finish(Packets.closeResponse(connectId, "connectID mismatch"));
        return false;
      }
      b = backend;
    }
    return b.sendData(packet, () -> call.request(1));
  }

  private synchronized boolean onCloseRequest(Packet packet) {
    if (state == State.ESTABLISHED) {
      state = State.CLOSING;
      backend.requestClose(connectId);
    }
    // Upstream stops reading after CLOSE_REQ; the response side stays open for CLOSE_RSP.
    return false;
  }

  private synchronized boolean onFrontendDialClose(Packet packet) {
    if (state == State.PENDING) {
      backend.cancelDial(random);
      metrics.dialFailure("frontend_close");
      state = State.DONE;
      cancelDialTimer();
      out.closeAfterDrain(Status.OK);
      return false;
    }
    return true;
  }

  @Override
  public void onHalfClose() {
    synchronized (this) {
      if (state == State.CLOSING) {
        return;
      }
    }
    frontendGone();
  }

  @Override
  public void onCancel() {
    frontendGone();
  }

  @Override
  public void onReady() {
    out.drain();
    Backend b;
    synchronized (this) {
      b = backend;
    }
    if (b != null && out.queuedBytes() <= 0) {
      b.unblock(this);
    }
  }

  private synchronized void frontendGone() {
    switch (state) {
      case PENDING -> {
        backend.cancelDial(random);
        metrics.dialFailure("frontend_close");
      }
      case ESTABLISHED, CLOSING -> backend.abandon(connectId, this);
      default -> {}
    }
    state = State.DONE;
    cancelDialTimer();
    out.closeNow(Status.CANCELLED);
  }

  @Override
  public synchronized void onDialResponse(Packet packet) {
    if (state != State.PENDING) {
      return;
    }
    cancelDialTimer();
    metrics.dialDuration.observe((System.nanoTime() - dialStartNanos) / 1e9);
    if (packet.getDialResponse().getError().isEmpty()) {
      state = State.ESTABLISHED;
      connectId = packet.getDialResponse().getConnectID();
      if (!toFrontend(packet)) {
        backend.abandon(connectId, this);
      }
    } else {
      finish(packet);
    }
  }

  @Override
  public long onData(Packet packet) {
    toFrontend(packet);
    return out.queuedBytes();
  }

  @Override
  public synchronized void onCloseResponse(Packet packet) {
    if (state == State.ESTABLISHED || state == State.CLOSING) {
      finish(packet);
    }
  }

  @Override
  public synchronized void onDialClose(Packet packet) {
    if (state == State.PENDING) {
      cancelDialTimer();
      finish(packet);
    }
  }

  @Override
  public synchronized void onBackendGone() {
    switch (state) {
      case PENDING -> {
        cancelDialTimer();
        finish(Packets.dialFailed(random, "agent disconnected before answering the dial"));
      }
      case ESTABLISHED, CLOSING -> finish(Packets.closeResponse(connectId, ""));
      default -> {}
    }
  }

  @Override
  public synchronized void onEvicted(String reason) {
    if (state == State.ESTABLISHED || state == State.CLOSING) {
      state = State.DONE;
      out.closeNow(Status.RESOURCE_EXHAUSTED.withDescription(reason));
    }
  }

  /** Sends the last packet of this tunnel and completes the stream once it is written. */
  private void finish(Packet last) {
    state = State.DONE;
    toFrontend(last);
    out.closeAfterDrain(Status.OK);
  }

  private boolean toFrontend(Packet packet) {
    metrics.packet("to_client", packet.getType());
    return out.send(packet);
  }

  private void cancelDialTimer() {
    if (dialTimer != null) {
      dialTimer.cancel(false);
      dialTimer = null;
    }
  }
}
