package dev.controlplanes.kamaji.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StreamSink} writing the body of one streamed response: HTTP/1.1 chunks on a connection,
 * or DATA frames on an HTTP/2 stream.
 */
final class ChannelStreamSink implements StreamSink {

  private final ChannelHandlerContext ctx;
  private final boolean keepAlive;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Bytes handed to the channel and not written out yet. Counted here because an HTTP/2 stream's
   * channel has no outbound buffer of its own: its frames wait in the connection's flow control,
   * and a write completes once its frame is written.
   */
  private final AtomicLong pending = new AtomicLong();

  private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();

  ChannelStreamSink(ChannelHandlerContext ctx, boolean keepAlive) {
    this.ctx = ctx;
    this.keepAlive = keepAlive;
    ctx.channel().closeFuture().addListener(f -> close());
  }

  @Override
  public boolean write(byte[] chunk) {
    if (closed.get()) {
      return false;
    }
    pending.addAndGet(chunk.length);
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)))
        .addListener(f -> pending.addAndGet(-chunk.length));
    return true;
  }

  @Override
  public long pendingBytes() {
    return pending.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ctx.channel().isActive()) {
      if (keepAlive) {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      } else {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
            .addListener(ChannelFutureListener.CLOSE);
      }
    }
    closeActions.forEach(Runnable::run);
  }

  @Override
  public void onClose(Runnable action) {
    closeActions.add(action);
    if (closed.get() && closeActions.remove(action)) {
      action.run();
    }
  }

  @Override
  public void schedule(Runnable action, long delayMillis) {
    ctx.executor().schedule(action, delayMillis, TimeUnit.MILLISECONDS);
  }
}
