package dev.controlplanes.kamaji.konnectivity.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.SocketAddress;

/**
 * The HTTP CONNECT frontend (HTTP/1.1 only), on a Unix socket or on TCP with client-certificate
 * TLS.
 */
final class HttpConnectServer implements AutoCloseable {

  private static final int READ_HEADER_TIMEOUT_SECONDS = 60;

  private final Channel channel;

  private HttpConnectServer(Channel channel) {
    this.channel = channel;
  }

  /**
   * @param connectionLoops the loops new connections are registered on
   * @param tls null for the Unix socket
   */
  static HttpConnectServer start(
      EventLoopGroup group,
      EventLoopGroup connectionLoops,
      SocketAddress address,
      SslContext tls,
      Backends backends,
      ServerMetrics metrics)
      throws InterruptedException {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group, connectionLoops)
            .channel(
                address instanceof DomainSocketAddress
                    ? EpollServerDomainSocketChannel.class
                    : EpollServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(
                            "header-timeout", new ReadTimeoutHandler(READ_HEADER_TIMEOUT_SECONDS))
                        .addLast(new HttpServerCodec())
                        .addLast(new HeaderTimeoutRemover())
                        .addLast(new HttpConnectHandler(backends, metrics));
                  }
                });
    return new HttpConnectServer(b.bind(address).sync().channel());
  }

  /** The 60 s limit covers only the request head; tunnels may idle for hours. */
  private static final class HeaderTimeoutRemover
      extends io.netty.channel.ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof io.netty.handler.codec.http.HttpRequest) {
        ctx.pipeline().remove("header-timeout");
        ctx.pipeline().remove(this);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** The bound TCP port, or 0 on a Unix socket. */
  int port() {
    return channel.localAddress() instanceof java.net.InetSocketAddress a ? a.getPort() : 0;
  }

  @Override
  public void close() throws InterruptedException {
    channel.close().sync();
  }
}
