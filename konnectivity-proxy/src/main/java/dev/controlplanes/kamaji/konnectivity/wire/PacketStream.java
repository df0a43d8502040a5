package dev.controlplanes.kamaji.konnectivity.wire;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import io.grpc.Status;
import java.util.ArrayDeque;

/**
 * The outbound side of one gRPC stream: serialises writes from any thread and holds packets while
 * the transport is not ready, so the caller can see how much is buffered and apply backpressure
 * instead of letting grpc-java queue without bound.
 */
public final class PacketStream {

  /** The few call operations this class needs; implemented over a ServerCall or a ClientCall. */
  public interface Outlet {
    boolean isReady();

    void send(Packet packet);

    void close(Status status);
  }

  private final Outlet outlet;
  private final ArrayDeque<Packet> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean closing;
  private Status closeStatus;
  private boolean closed;

  public PacketStream(Outlet outlet) {
    this.outlet = outlet;
  }

  /**
   * Queues a packet and writes what the transport accepts.
   *
   * @return false if the stream is already closing and the packet was dropped
   */
  public synchronized boolean send(Packet packet) {
    if (closing) {
      return false;
    }
    queue.add(packet);
    queuedBytes += Packets.weight(packet);
    drain();
    return true;
  }

  /** Writes queued packets while the transport is ready; call it from the onReady callback. */
  public synchronized void drain() {
    while (!closed && !queue.isEmpty() && outlet.isReady()) {
      Packet next = queue.poll();
      queuedBytes -= Packets.weight(next);
      outlet.send(next);
    }
    if (closing && !closed && queue.isEmpty()) {
      closed = true;
      outlet.close(closeStatus);
    }
  }

  /** Bytes of DATA payload written by the caller but not yet handed to the transport. */
  public synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** True when nothing is waiting for the transport. */
  public synchronized boolean isIdle() {
    return queue.isEmpty();
  }

  /** Closes the stream once everything already queued is written. */
  public synchronized void closeAfterDrain(Status status) {
    if (closing) {
      return;
    }
    closing = true;
    closeStatus = status;
    drain();
  }

  /** Drops whatever is queued and closes now. */
  public synchronized void closeNow(Status status) {
    queue.clear();
    queuedBytes = 0;
    closing = true;
    if (!closed) {
      closed = true;
      outlet.close(status);
    }
  }

  public synchronized boolean isClosing() {
    return closing;
  }
}
