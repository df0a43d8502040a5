package dev.controlplanes.kamaji.apiserver.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ExecutorService;

/** The per-connection pipeline: TLS, HTTP/1.1 codec, body aggregation with a limit, dispatch. */
final class ApiServerInitializer extends ChannelInitializer<SocketChannel> {

  private final SslContext sslContext;
  private final ApiHandler handler;
  private final ExecutorService handlerPool;

  ApiServerInitializer(SslContext sslContext, ApiHandler handler, ExecutorService handlerPool) {
    this.sslContext = sslContext;
    this.handler = handler;
    this.handlerPool = handlerPool;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    if (sslContext != null) {
      pipeline.addLast("tls", sslContext.newHandler(channel.alloc()));
    }
    pipeline.addLast("http", new HttpServerCodec());
    pipeline.addLast("aggregate", new LimitedBodyAggregator(HttpServer.MAX_BODY_BYTES));
    pipeline.addLast("dispatch", new HttpRequestHandler(handler, handlerPool));
  }
}
