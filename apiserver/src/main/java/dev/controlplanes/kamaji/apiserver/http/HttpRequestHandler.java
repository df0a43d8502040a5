package dev.controlplanes.kamaji.apiserver.http;

import dev.controlplanes.kamaji.apiserver.errors.ExceptionMapper;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import dev.controlplanes.kamaji.apiserver.request.RequestInfo;
import dev.controlplanes.kamaji.apiserver.request.RequestInfoParser;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns each aggregated HTTP request into an {@link ApiRequest}, runs the handler and writes its
 * answer: on the event loop when the handler can serve it without blocking, else on the worker
 * pool. Nothing here blocks the event loop.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final ApiHandler handler;
  private final ExecutorService pool;

  HttpRequestHandler(ApiHandler handler, ExecutorService pool) {
    this.handler = handler;
    this.pool = pool;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    ApiRequest request;
    try {
      request = toApiRequest(ctx, http);
    } catch (IllegalArgumentException e) {
      writeFull(
          ctx, error(new StatusException(400, "BadRequest", "malformed request", null)), keepAlive);
      return;
    }
    Optional<ApiResponse> immediate;
    try {
      immediate = handler.handleWithoutBlocking(request);
    } catch (Throwable t) {
      immediate = Optional.of(error(ExceptionMapper.toStatus(t)));
    }
    if (immediate.isPresent()) {
      write(ctx, immediate.get(), keepAlive);
      return;
    }
    try {
      pool.execute(() -> respond(ctx, request, keepAlive));
    } catch (RejectedExecutionException e) {
      ctx.close();
    }
  }

  private void respond(ChannelHandlerContext ctx, ApiRequest request, boolean keepAlive) {
    ApiResponse response;
    try {
      response = handler.handle(request);
    } catch (Throwable t) {
      response = error(ExceptionMapper.toStatus(t));
    }
    write(ctx, response, keepAlive);
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    if (response instanceof ApiResponse.Pending pending) {
      // Written from the thread that completes it; Netty hands the write to the event loop.
      pending
          .result()
          .whenComplete(
              (done, failure) ->
                  write(
                      ctx,
                      failure == null ? done : error(ExceptionMapper.toStatus(failure)),
                      keepAlive));
    } else if (response instanceof ApiResponse.Streaming streaming) {
      startStream(ctx, streaming, keepAlive);
    } else {
      writeFull(ctx, (ApiResponse.Full) response, keepAlive);
    }
  }

  static ApiResponse.Full error(StatusException e) {
    byte[] body = ExceptionMapper.toJson(e).toString().getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/json"));
    headers.add(Map.entry("Cache-Control", "no-cache, private"));
    headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
    if (e.details().retryAfterSeconds() != null) {
      headers.add(Map.entry("Retry-After", String.valueOf(e.details().retryAfterSeconds())));
    }
    return new ApiResponse.Full(e.code(), headers, body);
  }

  private static void writeFull(
      ChannelHandlerContext ctx, ApiResponse.Full response, boolean keepAlive) {
    FullHttpResponse http =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body().toArray(new byte[0][])));
    response.headers().forEach(h -> http.headers().add(h.getKey(), h.getValue()));
    http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.length());
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(http);
    } else {
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static void startStream(
      ChannelHandlerContext ctx, ApiResponse.Streaming response, boolean keepAlive) {
    HttpResponse http =
        new DefaultHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
    response.headers().forEach(h -> http.headers().add(h.getKey(), h.getValue()));
    HttpUtil.setTransferEncodingChunked(http, true);
    ctx.writeAndFlush(http);
    response.body().start(new ChannelStreamSink(ctx, keepAlive));
  }

  private static ApiRequest toApiRequest(ChannelHandlerContext ctx, FullHttpRequest http) {
    QueryStringDecoder decoder = new QueryStringDecoder(http.uri(), StandardCharsets.UTF_8);
    String path = decoder.rawPath();
    Map<String, List<String>> query = decoder.parameters();
    RequestInfo info = RequestInfoParser.parse(http.method().name(), path, query);
    return new ApiRequest(
        http.method().name(),
        path,
        query,
        http.headers().copy(),
        ByteBufUtil.getBytes(http.content()),
        peerCertificates(ctx),
        info,
        null);
  }

  private static List<X509Certificate> peerCertificates(ChannelHandlerContext ctx) {
    // An HTTP/2 stream's parent is its connection, whose pipeline holds the TLS handler.
    Channel connection =
        ctx.channel() instanceof Http2StreamChannel stream ? stream.parent() : ctx.channel();
    SslHandler tls = connection.pipeline().get(SslHandler.class);
    if (tls == null) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : tls.engine().getSession().getPeerCertificates()) {
        if (c instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return List.copyOf(chain);
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Connection-level failures (resets, TLS alerts) end the connection; they are not API errors.
    ctx.close();
  }
}
