package dev.controlplanes.kamaji.apiserver.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ExecutorService;

/**
 * The per-connection pipeline: TLS, then HTTP/2 or HTTP/1.1 as the client chose in ALPN (plain
 * HTTP, for tests only, is HTTP/1.1), body aggregation with a limit, dispatch. Over HTTP/2 each
 * stream is a child channel with the same HTTP/1.1-style handlers, so requests, streamed watch
 * responses and errors are handled the same way on both.
 */
final class ApiServerInitializer extends ChannelInitializer<SocketChannel> {

  /**
   * Concurrent streams a client may open on one connection: kube-apiserver multiplexes every
   * request and watch it proxies to us, and allows 1000 streams per connection itself.
   */
  static final int MAX_CONCURRENT_STREAMS = 1000;

  /** The request header limit, the same on both protocols (Netty's HTTP/1.1 default). */
  static final int MAX_HEADER_BYTES = 8192;

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
    if (sslContext == null) {
      addHttp1(pipeline);
      return;
    }
    pipeline.addLast("tls", sslContext.newHandler(channel.alloc()));
    pipeline.addLast(
        "alpn",
        new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
          @Override
          protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
              addHttp2(ctx.pipeline());
            } else {
              addHttp1(ctx.pipeline());
            }
          }
        });
  }

  private void addHttp1(ChannelPipeline pipeline) {
    pipeline.addLast("http", new HttpServerCodec());
    addRequestHandlers(pipeline);
  }

  private void addHttp2(ChannelPipeline pipeline) {
    pipeline.addLast(
        "http2",
        Http2FrameCodecBuilder.forServer()
            .initialSettings(
                Http2Settings.defaultSettings()
                    .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                    .maxHeaderListSize(MAX_HEADER_BYTES))
            .build());
    pipeline.addLast(
        "streams",
        new Http2MultiplexHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel stream) {
                stream.pipeline().addLast("http", new Http2StreamFrameToHttpObjectCodec(true));
                addRequestHandlers(stream.pipeline());
              }
            }));
    // Connection-level failures (resets, TLS alerts) end the connection; the streams' own
    // handlers see only their stream's.
    pipeline.addLast(
        "errors",
        new ChannelInboundHandlerAdapter() {
          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
          }
        });
  }

  private void addRequestHandlers(ChannelPipeline pipeline) {
    pipeline.addLast("aggregate", new LimitedBodyAggregator(HttpServer.MAX_BODY_BYTES));
    pipeline.addLast("dispatch", new HttpRequestHandler(handler, handlerPool));
  }
}
