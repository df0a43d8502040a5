package dev.controlplanes.kamaji.apiserver.testing;

import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.request.RequestInfoParser;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/** Requests for unit tests of handlers, as the HTTP layer would build them. */
public final class TestRequests {

  private TestRequests() {}

  /** An unauthenticated GET of {@code uri} (path and query), without headers or certificates. */
  public static ApiRequest get(String uri) {
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    return new ApiRequest(
        "GET",
        decoder.path(),
        decoder.parameters(),
        new DefaultHttpHeaders(),
        new byte[0],
        List.of(),
        RequestInfoParser.parse("GET", decoder.path(), decoder.parameters()),
        null);
  }
}
