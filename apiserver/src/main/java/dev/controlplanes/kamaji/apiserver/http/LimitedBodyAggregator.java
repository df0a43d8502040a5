package dev.controlplanes.kamaji.apiserver.http;

import dev.controlplanes.kamaji.apiserver.errors.ExceptionMapper;
import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates request bodies up to a limit and answers larger ones with kube's 413 Status.
 *
 * <p>The rest of an oversized body is still on its way when the 413 is written. Closing at once
 * would make the kernel reset the connection over the unread bytes, and a reset can destroy the 413
 * before the client reads it; so the body is read and discarded first, and the connection is closed
 * once it has ended, or after {@link #DRAIN_MILLIS} at the latest (Go's servers linger the same
 * way).
 */
final class LimitedBodyAggregator extends HttpObjectAggregator {

  static final long DRAIN_MILLIS = 5_000;

  private final int limit;
  private boolean draining;

  LimitedBodyAggregator(int limit) {
    super(limit);
    this.limit = limit;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (draining && msg instanceof HttpContent) {
      boolean last = msg instanceof LastHttpContent;
      ReferenceCountUtil.release(msg);
      if (last) {
        draining = false;
        ctx.close();
      }
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    byte[] body =
        ExceptionMapper.toJson(Statuses.tooLarge(limit))
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CONNECTION, "close");
    // A message that was already complete has no body left on the wire.
    draining = !(oversized instanceof FullHttpMessage);
    ctx.writeAndFlush(response)
        .addListener(
            f -> {
              if (!draining || !f.isSuccess()) {
                ctx.close();
              } else {
                ctx.executor().schedule(() -> ctx.close(), DRAIN_MILLIS, TimeUnit.MILLISECONDS);
              }
            });
  }
}
