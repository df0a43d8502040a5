package dev.controlplanes.kamaji.apiserver.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Binds the HTTPS (or, for tests only, plain HTTP) listener and owns its threads. */
public final class HttpServer implements AutoCloseable {

  /** Kube-apiserver's request body limit. */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService handlerPool;
  private final Channel channel;

  private HttpServer(
      EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlerPool, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.handlerPool = handlerPool;
    this.channel = channel;
  }

  /**
   * Starts listening.
   *
   * @param sslContext the server TLS context, or null for plain HTTP (tests and local debugging)
   * @param handlerThreads threads that run handlers; storage calls block there, never on the event
   *     loop
   */
  public static HttpServer start(
      InetSocketAddress address, SslContext sslContext, ApiHandler handler, int handlerThreads)
      throws InterruptedException {
    // Linux's native epoll transport where its library loads, Java NIO elsewhere: epoll costs fewer
    // system calls and less garbage per read.
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> serverChannel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            handlerThreads,
            r -> {
              Thread t = new Thread(r, "api-handler-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Channel channel =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(serverChannel)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ApiServerInitializer(sslContext, handler, pool))
            .bind(address)
            .sync()
            .channel();
    return new HttpServer(boss, workers, pool, channel);
  }

  /** The bound address, with the real port when 0 was asked for. */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    handlerPool.shutdownNow();
  }
}
