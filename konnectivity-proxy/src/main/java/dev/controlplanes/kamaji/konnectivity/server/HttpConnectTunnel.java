package dev.controlplanes.kamaji.konnectivity.server;

import com.google.protobuf.ByteString;
import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP CONNECT connection: the server dials on the frontend's behalf, answers 200 only after a
 * successful DIAL_RSP, then relays raw bytes. All state lives on the channel's event loop; agent
 * callbacks are handed over to it.
 */
final class HttpConnectTunnel extends ChannelInboundHandlerAdapter implements Connection {

  private static final int MAX_CHUNK = 32 * 1024;

  private enum State {
    PENDING,
    ESTABLISHED,
    DONE
  }

  private final Channel channel;
  private final Backend backend;
  private final long random = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
  private final AtomicLong unwritten = new AtomicLong();
  private final ServerMetrics metrics;
  private final long startNanos = System.nanoTime();
  private State state = State.PENDING;
  private long connectId;

  private HttpConnectTunnel(Channel channel, Backend backend, ServerMetrics metrics) {
    this.channel = channel;
    this.backend = backend;
    this.metrics = metrics;
  }

  /** Starts the dial; the channel stops reading until the agent answers. */
  static void dial(Channel channel, Backend backend, String address, ServerMetrics metrics) {
    HttpConnectTunnel t = new HttpConnectTunnel(channel, backend, metrics);
    channel.config().setAutoRead(false);
    channel.pipeline().addLast("tunnel", t);
    if (!backend.dial(t.random, Packets.dialRequest(address, t.random), t)) {
      metrics.dialFailure("send_rsp");
      t.fail(HttpResponseStatus.BAD_GATEWAY, "failed to send the dial request to the agent");
    }
  }

  @Override
  public void onDialResponse(Packet packet) {
    channel.eventLoop().execute(() -> dialAnswered(packet));
  }

  private void dialAnswered(Packet packet) {
    if (state != State.PENDING) {
      return;
    }
    metrics.dialDuration.observe((System.nanoTime() - startNanos) / 1e9);
    String error = packet.getDialResponse().getError();
    if (!error.isEmpty()) {
      fail(statusFor(error), error);
      return;
    }
    state = State.ESTABLISHED;
    connectId = packet.getDialResponse().getConnectID();
    // Nothing may follow the response head before the client speaks: write it raw, drop HTTP.
    channel.pipeline().remove(HttpServerCodec.class);
    channel.writeAndFlush(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 Connection Established\r\n\r\n", StandardCharsets.US_ASCII));
    channel.config().setAutoRead(true);
  }

  /** Upstream's mapping of agent dial errors to status codes. */
  static HttpResponseStatus statusFor(String error) {
    String e = error.toLowerCase();
    if (e.contains("timeout") || e.contains("timed out")) {
      return HttpResponseStatus.GATEWAY_TIMEOUT;
    }
    if (e.contains("too many open files")) {
      return HttpResponseStatus.SERVICE_UNAVAILABLE;
    }
    return HttpResponseStatus.BAD_GATEWAY;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf) || state != State.ESTABLISHED) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      while (buf.isReadable()) {
        int n = Math.min(MAX_CHUNK, buf.readableBytes());
        byte[] chunk = new byte[n];
        buf.readBytes(chunk);
        if (!backend.sendData(
            Packets.data(connectId, ByteString.copyFrom(chunk)),
            () -> channel.eventLoop().execute(() -> channel.config().setAutoRead(true)))) {
          channel.config().setAutoRead(false);
        }
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public long onData(Packet packet) {
    ByteString data = packet.getData().getData();
    long pending = unwritten.addAndGet(data.size());
    ByteBuf buf = Unpooled.wrappedBuffer(data.asReadOnlyByteBuffer());
    channel
        .writeAndFlush(buf)
        .addListener(
            f -> {
              if (unwritten.addAndGet(-data.size()) == 0) {
                backend.unblock(this);
              }
            });
    return pending;
  }

  @Override
  public void onCloseResponse(Packet packet) {
    channel.eventLoop().execute(this::closeChannel);
  }

  @Override
  public void onDialClose(Packet packet) {
    channel
        .eventLoop()
        .execute(() -> fail(HttpResponseStatus.BAD_GATEWAY, "dial closed by the agent"));
  }

  @Override
  public void onBackendGone() {
    channel
        .eventLoop()
        .execute(
            () -> {
              if (state == State.PENDING) {
                fail(HttpResponseStatus.BAD_GATEWAY, "agent disconnected before the dial finished");
              } else {
                closeChannel();
              }
            });
  }

  @Override
  public void onEvicted(String reason) {
    channel.eventLoop().execute(this::closeChannel);
  }

  private void fail(HttpResponseStatus status, String message) {
    state = State.DONE;
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    channel.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  private void closeChannel() {
    state = State.DONE;
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    metrics.httpConnections.dec();
    switch (state) {
      case PENDING -> {
        if (backend.cancelDial(random)) {
          metrics.dialFailure("frontend_close");
        }
      }
      case ESTABLISHED -> backend.abandon(connectId, this);
      default -> {}
    }
    state = State.DONE;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
