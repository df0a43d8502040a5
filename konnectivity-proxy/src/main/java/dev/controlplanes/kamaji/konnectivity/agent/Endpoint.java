package dev.controlplanes.kamaji.konnectivity.agent;

import com.google.protobuf.ByteString;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One dialled TCP connection of the agent. Socket reads become DATA packets (at most 32 KiB each)
 * and stop while the server stream is not ready; remote EOF becomes an unsolicited CLOSE_RSP.
 */
final class Endpoint extends ChannelInboundHandlerAdapter {

  private static final int MAX_CHUNK = 32 * 1024;

  private final ServerConnection server;
  private final long connectId;
  private volatile Channel channel;
  private volatile boolean closedByServer;

  Endpoint(ServerConnection server, long connectId) {
    this.server = server;
    this.connectId = connectId;
  }

  long connectId() {
    return connectId;
  }

  void attach(Channel channel) {
    this.channel = channel;
  }

  /** Data from the server; returns false if the socket's buffer is full (read pauses). */
  boolean write(ByteString data) {
    Channel ch = channel;
    ch.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(data.asReadOnlyByteBuffer()));
    return ch.isWritable();
  }

  boolean writable() {
    return channel.isWritable();
  }

  /** The server asked to close (CLOSE_REQ) or its stream ended: close without telling it. */
  void closeQuietly() {
    closedByServer = true;
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      while (buf.isReadable()) {
        int n = Math.min(MAX_CHUNK, buf.readableBytes());
        byte[] chunk = new byte[n];
        buf.readBytes(chunk);
        if (!server.send(Packets.data(connectId, ByteString.copyFrom(chunk)))) {
          ctx.channel().config().setAutoRead(false);
          server.whenReady(() -> ctx.channel().config().setAutoRead(true));
        }
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      server.endpointWritable();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    server.endpointClosed(this, !closedByServer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
