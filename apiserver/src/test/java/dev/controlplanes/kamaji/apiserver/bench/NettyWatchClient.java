package dev.controlplanes.kamaji.apiserver.bench;

import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watch streams over Netty: one HTTP/1.1 TLS connection per watch, all served by a small event loop
 * group, each newline-delimited event handed to a callback with its arrival time, taken on the
 * event loop at the read that completed the line (no hand-off to another executor first). The
 * benchmark's default watch client; {@code --watch-client jdk} uses the JDK HttpClient instead,
 * which in one comparison run cost about the same client CPU.
 */
final class NettyWatchClient implements AutoCloseable {

  /** Receives complete lines of one stream, with System.nanoTime() at the read that ended them. */
  interface LineListener {
    void onLine(String line, long nanos);
  }

  private final EventLoopGroup group;
  private final SslContext ssl;

  NettyWatchClient(Path certs, int threads) throws IOException {
    List<X509Certificate> chain = PemFiles.readCertificates(certs.resolve("admin.crt"));
    PrivateKey key = PemFiles.readPrivateKey(certs.resolve("admin.key"));
    List<X509Certificate> cas = PemFiles.readCertificates(certs.resolve("serving-ca.crt"));
    this.ssl =
        SslContextBuilder.forClient()
            .keyManager(key, chain.toArray(new X509Certificate[0]))
            .trustManager(cas.toArray(new X509Certificate[0]))
            .build();
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
  }

  /** A started watch: the HTTP status once headers arrive, and a way to end it. */
  record Stream(CompletableFuture<Integer> status, Channel channel) {
    void cancel() {
      channel.close();
    }
  }

  Stream open(URI base, String pathAndQuery, LineListener listener) {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    String host = base.getHost();
    int port = base.getPort();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(ssl.newHandler(ch.alloc(), host, port))
                        .addLast(new HttpClientCodec())
                        .addLast(new StreamHandler(status, listener));
                  }
                });
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery);
    request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
    request.headers().set(HttpHeaderNames.ACCEPT, "application/json");
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    ChannelFuture connected = bootstrap.connect(host, port);
    Channel channel = connected.channel();
    connected.addListener(
        (ChannelFuture f) -> {
          if (!f.isSuccess()) {
            status.completeExceptionally(f.cause());
            return;
          }
          // The SslHandler holds the request until the handshake is done.
          f.channel()
              .writeAndFlush(request)
              .addListener(
                  (ChannelFuture w) -> {
                    if (!w.isSuccess()) {
                      status.completeExceptionally(w.cause());
                    }
                  });
        });
    channel
        .closeFuture()
        .addListener(
            f -> status.completeExceptionally(new IOException("connection closed before headers")));
    return new Stream(status, channel);
  }

  private static final class StreamHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final CompletableFuture<Integer> status;
    private final LineListener listener;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    StreamHandler(CompletableFuture<Integer> status, LineListener listener) {
      this.status = status;
      this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      long now = System.nanoTime();
      if (msg instanceof HttpResponse response) {
        status.complete(response.status().code());
      }
      if (msg instanceof HttpContent content) {
        ByteBuf buf = content.content();
        while (buf.isReadable()) {
          int nl = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) '\n');
          if (nl < 0) {
            byte[] rest = new byte[buf.readableBytes()];
            buf.readBytes(rest);
            partial.writeBytes(rest);
            break;
          }
          byte[] head = new byte[nl - buf.readerIndex()];
          buf.readBytes(head);
          buf.skipBytes(1);
          partial.writeBytes(head);
          listener.onLine(partial.toString(StandardCharsets.UTF_8), now);
          partial.reset();
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      status.completeExceptionally(cause);
      ctx.close();
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
