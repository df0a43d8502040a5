package dev.controlplanes.kamaji.konnectivity.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Reads the CONNECT request head. The dial address is the request target (authority form), not the
 * Host header; anything but CONNECT gets 405.
 */
final class HttpConnectHandler extends SimpleChannelInboundHandler<HttpObject> {

  private final Backends backends;
  private final ServerMetrics metrics;

  HttpConnectHandler(Backends backends, ServerMetrics metrics) {
    this.backends = backends;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    metrics.httpConnections.inc();
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    if (!(msg instanceof HttpRequest request)) {
      return;
    }
    if (!HttpMethod.CONNECT.equals(request.method())) {
      reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only CONNECT is supported");
      return;
    }
    String address = request.uri();
    // A connection carries one tunnel; it was registered near an agent (see LoopAffinity).
    Backend backend = backends.pick(address, Thread.currentThread());
    if (backend == null) {
      metrics.dialFailure("no_agent");
      reply(
          ctx,
          HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "currently no tunnels available: No agent available");
      return;
    }
    // The tunnel takes over the channel (and the http_connections gauge's decrement).
    ctx.pipeline().remove(this);
    HttpConnectTunnel.dial(ctx.channel(), backend, address, metrics);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    metrics.httpConnections.dec();
    super.channelInactive(ctx);
  }

  private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
