package dev.controlplanes.kamaji.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which thread serves a request, how a pending answer is written, and in which order. */
class HttpRequestHandlerTest {

  private static final String PATH =
      "/apis/kamaji.clastix.io/v1alpha1/namespaces/default/tenantcontrolplanes/a";

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
  private final CountDownLatch slowMayAnswer = new CountDownLatch(1);
  private EmbeddedChannel channel;

  @AfterEach
  void close() {
    pool.shutdownNow();
    channel.finishAndReleaseAll();
  }

  @Test
  void aRequestServedWithoutBlockingNeverReachesThePool() {
    serve(request -> Optional.of(ApiResponse.json(200, bytes("{}"))));

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(pool.getTaskCount()).isZero();
    response.release();
  }

  @Test
  void aPendingAnswerIsWrittenWhenItCompletes() {
    CompletableFuture<ApiResponse> later = new CompletableFuture<>();
    serve(request -> Optional.of(new ApiResponse.Pending(later)));
    assertThat(channel.outboundMessages()).isEmpty();

    later.complete(ApiResponse.json(200, bytes("{\"kind\":\"TenantControlPlane\"}")));

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("TenantControlPlane");
    response.release();
  }

  @Test
  void aPendingFailureIsWrittenAsAStatus() {
    CompletableFuture<ApiResponse> later = new CompletableFuture<>();
    serve(request -> Optional.of(new ApiResponse.Pending(later)));

    later.completeExceptionally(new StatusException(404, "NotFound", "not found", null));

    assertThat(status(channel.readOutbound()).get("code").getAsInt()).isEqualTo(404);
  }

  @Test
  void aDecisionMadeWithoutBlockingIsTheAnswer() {
    serve(
        request -> {
          throw new StatusException(403, "Forbidden", "no", null);
        });

    assertThat(status(channel.readOutbound()).get("reason").getAsString()).isEqualTo("Forbidden");
    assertThat(pool.getTaskCount()).isZero();
  }

  @Test
  void whatWouldBlockGoesToThePool() throws InterruptedException {
    serve(request -> Optional.empty());
    awaitPool();

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(201);
    assertThat(pool.getCompletedTaskCount()).isEqualTo(1);
    response.release();
  }

  @Test
  void pipelinedRequestsAreAnsweredInTheirOrder() throws InterruptedException {
    connectSlowFirst();

    send("/slow", true);
    send("/fast-1", true);
    send("/fast-2", true);
    assertThat(channel.outboundMessages()).isEmpty();

    answerTheSlowRequest();

    assertThat(answers()).containsExactly("/slow", "/fast-1", "/fast-2");
  }

  @Test
  void aConnectionStopsReadingWhileTooManyRequestsWait() throws InterruptedException {
    connectSlowFirst();

    send("/slow", true);
    List<String> expected = new ArrayList<>(List.of("/slow"));
    for (int i = 0; i < HttpRequestHandler.MAX_WAITING; i++) {
      send("/fast-" + i, true);
      expected.add("/fast-" + i);
    }
    assertThat(channel.config().isAutoRead()).isFalse();

    answerTheSlowRequest();

    assertThat(answers()).containsExactlyElementsOf(expected);
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void nothingSentAfterAClosingRequestIsAnswered() throws InterruptedException {
    connectSlowFirst();

    send("/slow", false);
    send("/fast-1", true);

    answerTheSlowRequest();

    assertThat(answers()).containsExactly("/slow");
    assertThat(channel.isOpen()).isFalse();
  }

  /**
   * Connects a handler that answers {@code /slow} on the pool once {@link #answerTheSlowRequest}
   * allows it, and every other path at once on the event loop.
   */
  private void connectSlowFirst() {
    connect(
        new ApiHandler() {
          @Override
          public ApiResponse handle(ApiRequest request) {
            try {
              assertThat(slowMayAnswer.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return ApiResponse.json(200, bytes(request.path()));
          }

          @Override
          public Optional<ApiResponse> handleWithoutBlocking(ApiRequest request) {
            return request.path().equals("/slow")
                ? Optional.empty()
                : Optional.of(ApiResponse.json(200, bytes(request.path())));
          }
        });
  }

  /** Lets {@code /slow} answer, then runs whatever it started on the event loop. */
  private void answerTheSlowRequest() throws InterruptedException {
    slowMayAnswer.countDown();
    awaitPool();
    channel.runPendingTasks();
  }

  private void connect(ApiHandler handler) {
    channel = new EmbeddedChannel(new HttpRequestHandler(handler, pool));
  }

  private void send(String path, boolean keepAlive) {
    DefaultFullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
    HttpUtil.setKeepAlive(request, keepAlive);
    channel.writeInbound(request);
  }

  private void awaitPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** The bodies of the answers written so far, in the order they were written. */
  private List<String> answers() {
    List<String> bodies = new ArrayList<>();
    for (FullHttpResponse response; (response = channel.readOutbound()) != null; ) {
      bodies.add(response.content().toString(StandardCharsets.UTF_8));
      response.release();
    }
    return bodies;
  }

  private void serve(Function<ApiRequest, Optional<ApiResponse>> withoutBlocking) {
    ApiHandler handler =
        new ApiHandler() {
          @Override
          public ApiResponse handle(ApiRequest request) {
            return ApiResponse.json(201, bytes("{}"));
          }

          @Override
          public Optional<ApiResponse> handleWithoutBlocking(ApiRequest request) {
            return withoutBlocking.apply(request);
          }
        };
    connect(handler);
    channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, PATH));
  }

  private static JsonObject status(FullHttpResponse response) {
    try {
      return JsonParser.parseString(response.content().toString(StandardCharsets.UTF_8))
          .getAsJsonObject();
    } finally {
      response.release();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
