package dev.controlplanes.kamaji.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LimitedBodyAggregatorTest {

  private static HttpRequest post(int contentLength) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x");
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    return request;
  }

  private static DefaultHttpContent chunk(int size) {
    return new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[size]));
  }

  @Test
  void oversizedBodyGetsThe413StatusAndTheConnectionClosesOnlyAfterTheBody() {
    EmbeddedChannel channel = new EmbeddedChannel(new LimitedBodyAggregator(16));
    channel.writeInbound(post(64));

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(413);
    assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    assertThat(response.content().toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Request entity too large: limit is 16\","
                + "\"reason\":\"RequestEntityTooLarge\",\"code\":413}");
    response.release();
    // still open: closing now would reset the connection over the unread body
    assertThat(channel.isOpen()).isTrue();

    channel.writeInbound(chunk(32));
    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.inboundMessages()).isEmpty();

    channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[32])));
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.inboundMessages()).isEmpty();
    channel.finishAndReleaseAll();
  }

  @Test
  void requestsWithinTheLimitAreAggregated() {
    EmbeddedChannel channel = new EmbeddedChannel(new LimitedBodyAggregator(16));
    channel.writeInbound(post(8));
    channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[8])));
    FullHttpRequest request = channel.readInbound();
    assertThat(request.content().readableBytes()).isEqualTo(8);
    request.release();
    assertThat(channel.isOpen()).isTrue();
    channel.finishAndReleaseAll();
  }
}
