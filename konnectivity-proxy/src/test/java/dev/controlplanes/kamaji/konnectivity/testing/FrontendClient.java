package dev.controlplanes.kamaji.konnectivity.testing;

import com.google.protobuf.ByteString;
import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.proto.PacketType;
import dev.controlplanes.kamaji.konnectivity.proto.ProxyServiceGrpc;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A frontend like kube-apiserver's: gRPC over a Unix socket, one Proxy stream per dial. Used to
 * check bytes end to end (the upstream test client only reports errors).
 */
public final class FrontendClient implements AutoCloseable {

  private final EventLoopGroup group;
  private final ManagedChannel channel;

  public FrontendClient(Path socket) {
    group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(group)
            // Packets are delivered on the event loop. With gRPC's default executor each one went
            // to an application thread, whose request(1) went back to the loop: that ping-pong
            // capped a single tunnel at 70-160 MiB/s through either server in the benchmark.
            .directExecutor()
            .usePlaintext()
            .overrideAuthority("localhost")
            .build();
  }

  /** Dials {@code address} through the proxy; throws with the DIAL_RSP error text on failure. */
  public Tunnel dial(String address, Duration timeout) throws IOException, InterruptedException {
    Tunnel t = new Tunnel(channel.newCall(ProxyServiceGrpc.getProxyMethod(), CallOptions.DEFAULT));
    long random = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    t.call.sendMessage(Packets.dialRequest(address, random));
    Packet rsp = t.next(timeout);
    if (rsp == null) {
      t.cancel();
      throw new IOException("no DIAL_RSP within " + timeout);
    }
    if (rsp.getType() != PacketType.DIAL_RSP || rsp.getDialResponse().getRandom() != random) {
      t.cancel();
      throw new IOException("unexpected first packet " + rsp.getType());
    }
    if (!rsp.getDialResponse().getError().isEmpty()) {
      t.cancel();
      throw new IOException(rsp.getDialResponse().getError());
    }
    t.connectId = rsp.getDialResponse().getConnectID();
    return t;
  }

  /** One tunnelled connection. */
  public static final class Tunnel {
    private static final Packet END = Packet.getDefaultInstance();
    private final ClientCall<Packet, Packet> call;
    private final BlockingQueue<Packet> in = new LinkedBlockingQueue<>();
    private volatile Status status;
    private volatile boolean paused;
    long connectId;

    Tunnel(ClientCall<Packet, Packet> call) {
      this.call = call;
      call.start(
          new ClientCall.Listener<>() {
            @Override
            public void onMessage(Packet message) {
              in.add(message);
              if (!paused) {
                call.request(1);
              }
            }

            @Override
            public void onClose(Status s, Metadata trailers) {
              status = s;
              in.add(END);
            }
          },
          new Metadata());
      call.request(1);
    }

    /** Stops asking for packets, like a frontend whose consumer stopped reading. */
    public void pauseReading() {
      paused = true;
    }

    public long connectId() {
      return connectId;
    }

    public void write(byte[] bytes) {
      call.sendMessage(Packets.data(connectId, ByteString.copyFrom(bytes)));
    }

    Packet next(Duration timeout) throws InterruptedException {
      Packet p = in.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return p == END ? null : p;
    }

    /** Reads DATA until the proxy closes the connection (CLOSE_RSP or stream end). */
    public byte[] readToEnd(Duration timeout) throws IOException, InterruptedException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Packet p = in.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (p == null) {
          throw new IOException("timed out after " + out.size() + " bytes");
        }
        if (p == END || p.getType() == PacketType.CLOSE_RSP) {
          return out.toByteArray();
        }
        if (p.getType() == PacketType.DATA) {
          p.getData().getData().writeTo(out);
        }
      }
    }

    /** Counts DATA bytes until the proxy closes the connection, without keeping them. */
    public long countToEnd(Duration timeout) throws IOException, InterruptedException {
      long n = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Packet p = in.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (p == null) {
          throw new IOException("timed out after " + n + " bytes");
        }
        if (p == END || p.getType() == PacketType.CLOSE_RSP) {
          return n;
        }
        if (p.getType() == PacketType.DATA) {
          n += p.getData().getData().size();
        }
      }
    }

    /** Reads until {@code n} bytes arrived; returns them. */
    public byte[] read(int n, Duration timeout) throws IOException, InterruptedException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < n) {
        Packet p = in.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (p == null || p == END || p.getType() == PacketType.CLOSE_RSP) {
          throw new IOException("connection ended after " + out.size() + " bytes");
        }
        if (p.getType() == PacketType.DATA) {
          p.getData().getData().writeTo(out);
        }
      }
      return out.toByteArray();
    }

    /** CLOSE_REQ, then waits for CLOSE_RSP (as konnectivity-client does) and ends the stream. */
    public void close(Duration timeout) throws InterruptedException {
      call.sendMessage(Packets.closeRequest(connectId));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Packet p = in.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (p == null || p == END || p.getType() == PacketType.CLOSE_RSP) {
          break;
        }
      }
      cancel();
    }

    public void cancel() {
      call.cancel("done", null);
    }

    public Status status() {
      return status;
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
