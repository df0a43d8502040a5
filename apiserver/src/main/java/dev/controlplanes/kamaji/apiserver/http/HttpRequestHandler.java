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
import java.util.ArrayDeque;
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
 *
 * <p>A connection's requests are answered one at a time, in the order they came: HTTP/1.1 has no
 * other way to match answers to requests a client pipelines (RFC 9112, section 9.3.2), and an
 * answer must not overtake one still being produced. Requests that arrive meanwhile wait here; past
 * {@link #MAX_WAITING} the connection stops reading until they are answered. On HTTP/2 each stream
 * has its own handler and one request, so this costs nothing there.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  /**
   * Pipelined requests held per connection before it stops reading. One read can hold more, since
   * the decoder hands on every request in it, so this bounds the queue to a read's worth.
   */
  static final int MAX_WAITING = 16;

  private final ApiHandler handler;
  private final ExecutorService pool;

  /** Requests read while an earlier one is being answered; guarded by {@code this}. */
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

  private boolean answering;

  HttpRequestHandler(ApiHandler handler, ExecutorService pool) {
    this.handler = handler;
    this.pool = pool;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    // Read now: the request's buffer is released when this method returns.
    Runnable answer = prepare(ctx, http);
    synchronized (this) {
      if (answering) {
        waiting.add(answer);
        if (waiting.size() >= MAX_WAITING) {
          ctx.channel().config().setAutoRead(false);
        }
        return;
      }
      answering = true;
    }
    answer.run();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    synchronized (this) {
      waiting.clear();
    }
    super.channelInactive(ctx);
  }

  private Runnable prepare(ChannelHandlerContext ctx, FullHttpRequest http) {
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    try {
      ApiRequest request = toApiRequest(ctx, http);
      return () -> dispatch(ctx, request, keepAlive);
    } catch (IllegalArgumentException e) {
      return () ->
          write(
              ctx,
              error(new StatusException(400, "BadRequest", "malformed request", null)),
              keepAlive);
    }
  }

  private void dispatch(ChannelHandlerContext ctx, ApiRequest request, boolean keepAlive) {
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

  private void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
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
      answered(ctx, keepAlive);
    }
  }

  /**
   * Starts the next waiting request once the last write of an answer has been handed to the
   * channel. Netty runs a connection's writes in the order they were handed over, and the next
   * request starts on the event loop after that hand-over, so its answer is written after this one.
   */
  private void answered(ChannelHandlerContext ctx, boolean keepAlive) {
    Runnable next;
    synchronized (this) {
      next = keepAlive && ctx.channel().isActive() ? waiting.poll() : null;
      if (next == null) {
        // A connection that closes, or closes after this answer, answers nothing sent after it.
        waiting.clear();
        answering = false;
        return;
      }
      if (waiting.size() < MAX_WAITING) {
        ctx.channel().config().setAutoRead(true);
      }
    }
    ctx.executor().execute(next);
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

  private void startStream(
      ChannelHandlerContext ctx, ApiResponse.Streaming response, boolean keepAlive) {
    HttpResponse http =
        new DefaultHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
    response.headers().forEach(h -> http.headers().add(h.getKey(), h.getValue()));
    HttpUtil.setTransferEncodingChunked(http, true);
    ctx.writeAndFlush(http);
    ChannelStreamSink sink = new ChannelStreamSink(ctx, keepAlive);
    sink.onClose(() -> answered(ctx, keepAlive));
    response.body().start(sink);
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
