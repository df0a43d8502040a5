package dev.controlplanes.kamaji.konnectivity.agent;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code AgentService/Connect} stream to one server: dials what the server asks for and relays
 * packets. connectIDs come from a per-stream counter starting at 1.
 */
final class ServerConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
  private static final int DIAL_TIMEOUT_MILLIS = 5000;

  private final String serverId;
  private final ManagedChannel channel;
  private final ClientCall<Packet, Packet> call;
  private final PacketStream out;
  private final EventLoopGroup group;
  private final AgentMetrics metrics;
  private final Consumer<ServerConnection> onEnd;
  private final AtomicLong nextConnectId = new AtomicLong();
  private final Map<Long, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<Long, ChannelFuture> pendingDials = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Runnable> waitingReaders = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requestsHeld = new AtomicInteger();
  private volatile boolean ended;

  ServerConnection(
      String serverId,
      ManagedChannel channel,
      ClientCall<Packet, Packet> call,
      PacketStream out,
      EventLoopGroup group,
      AgentMetrics metrics,
      Consumer<ServerConnection> onEnd) {
    this.serverId = serverId;
    this.channel = channel;
    this.call = call;
    this.out = out;
    this.group = group;
    this.metrics = metrics;
    this.onEnd = onEnd;
  }

  String serverId() {
    return serverId;
  }

  boolean isEnded() {
    return ended;
  }

  ManagedChannel channel() {
    return channel;
  }

  /** One packet from the server. */
  void onPacket(Packet p) {
    switch (p.getType()) {
      case DIAL_REQ -> dial(p);
      case DATA -> {
        long id = p.getData().getConnectID();
        Endpoint e = endpoints.get(id);
        if (e == null) {
          send(Packets.closeResponse(id, "unrecognized connectID"));
        } else if (!e.write(p.getData().getData())) {
          // The socket cannot take more: stop reading the server stream until it drains.
          requestsHeld.incrementAndGet();
          if (e.writable()) {
            endpointWritable();
          }
          return;
        }
      }
      case CLOSE_REQ -> {
        long id = p.getCloseRequest().getConnectID();
        Endpoint e = endpoints.remove(id);
        if (e == null) {
          send(Packets.closeResponse(id, "Unknown connectID"));
        } else {
          metrics.openEndpointConnections.dec();
          e.closeQuietly();
          send(Packets.closeResponse(id, ""));
        }
      }
      case DIAL_CLS -> {
        ChannelFuture f = pendingDials.remove(p.getCloseDial().getRandom());
        if (f != null) {
          f.cancel(false);
        }
      }
      default -> {}
    }
    call.request(1);
  }

  void endpointWritable() {
    if (requestsHeld.getAndSet(0) > 0) {
      call.request(1);
    }
  }

  private void dial(Packet p) {
    long random = p.getDialRequest().getRandom();
    String address = p.getDialRequest().getAddress();
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, Math.max(colon, 0)).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      send(Packets.dialFailed(random, "invalid address " + address));
      return;
    }
    long connectId = nextConnectId.incrementAndGet();
    Endpoint endpoint = new Endpoint(this, connectId);
    long start = System.nanoTime();
    ChannelFuture f =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, DIAL_TIMEOUT_MILLIS)
            .option(ChannelOption.AUTO_READ, false)
            .handler(endpoint)
            .connect(host, port);
    pendingDials.put(random, f);
    f.addListener(
        done -> {
          pendingDials.remove(random);
          if (!done.isSuccess()) {
            metrics
                .endpointDialFailures
                .labels(
                    done.cause() instanceof io.netty.channel.ConnectTimeoutException
                        ? "timeout"
                        : "unknown")
                .inc();
            String error =
                done.isCancelled()
                    ? "dial cancelled"
                    : "dial tcp " + address + ": " + done.cause().getMessage();
            send(Packets.dialFailed(random, error));
            return;
          }
          metrics.dialDuration.observe((System.nanoTime() - start) / 1e9);
          endpoint.attach(f.channel());
          if (ended) {
            f.channel().close();
            return;
          }
          endpoints.put(connectId, endpoint);
          metrics.openEndpointConnections.inc();
          // DIAL_RSP goes out before any DATA of this connection.
          send(Packets.dialResponse(random, connectId, ""));
          f.channel().config().setAutoRead(true);
        });
  }

  void endpointClosed(Endpoint e, boolean tellServer) {
    if (endpoints.remove(e.connectId(), e)) {
      metrics.openEndpointConnections.dec();
    }
    if (tellServer && !ended) {
      send(Packets.closeResponse(e.connectId(), ""));
    }
  }

  boolean send(Packet p) {
    out.send(p);
    return out.isIdle();
  }

  void whenReady(Runnable r) {
    waitingReaders.add(r);
    if (out.isIdle()) {
      onReady();
    }
  }

  void onReady() {
    out.drain();
    if (out.isIdle()) {
      Runnable r;
      while ((r = waitingReaders.poll()) != null) {
        r.run();
      }
    }
  }

  void drain() {
    send(Packets.drain());
  }

  /** The stream ended: close every endpoint locally (there is nobody to tell). */
  void end(Status status) {
    if (ended) {
      return;
    }
    ended = true;
    LOG.info("connection to server {} ended: {}", serverId, status);
    for (Long id : java.util.List.copyOf(endpoints.keySet())) {
      Endpoint e = endpoints.remove(id);
      if (e != null) {
        metrics.openEndpointConnections.dec();
        e.closeQuietly();
      }
    }
    pendingDials.values().forEach(f -> f.cancel(false));
    out.closeNow(Status.CANCELLED);
    channel.shutdownNow();
    onEnd.accept(this);
  }

  /** The ClientCall listener that feeds this connection. */
  static final class Listener extends ClientCall.Listener<Packet> {
    private volatile ServerConnection connection;
    private final java.util.concurrent.CompletableFuture<Metadata> headers =
        new java.util.concurrent.CompletableFuture<>();
    private volatile Status closedWith;

    void bind(ServerConnection c) {
      connection = c;
      if (closedWith != null) {
        c.end(closedWith);
      }
    }

    java.util.concurrent.CompletableFuture<Metadata> headers() {
      return headers;
    }

    @Override
    public void onHeaders(Metadata h) {
      headers.complete(h);
    }

    @Override
    public void onMessage(Packet message) {
      connection.onPacket(message);
    }

    @Override
    public void onReady() {
      ServerConnection c = connection;
      if (c != null) {
        c.onReady();
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      closedWith = status;
      headers.completeExceptionally(status.asRuntimeException(trailers));
      ServerConnection c = connection;
      if (c != null) {
        c.end(status);
      }
    }
  }
}
