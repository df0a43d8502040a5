package dev.controlplanes.kamaji.apiserver.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * What a handler answers: a complete body, a stream such as a watch, or a response still being
 * produced without holding a thread.
 */
public sealed interface ApiResponse {

  /**
   * A response whose body is known in full, as consecutive parts that are written as they are: a
   * list of cached objects goes out without being copied into one array first (with 10,000 objects
   * that array would be 30-60 MB, allocated and copied twice per list).
   */
  record Full(int status, List<Map.Entry<String, String>> headers, List<byte[]> body)
      implements ApiResponse {

    public Full {
      body = List.copyOf(body);
    }

    public Full(int status, List<Map.Entry<String, String>> headers, byte[] body) {
      this(status, headers, List.of(body));
    }

    /** The body's length in bytes. */
    public int length() {
      int length = 0;
      for (byte[] part : body) {
        length += part.length;
      }
      return length;
    }
  }

  /** A long-running response that writes its body over time (watch). */
  record Streaming(int status, List<Map.Entry<String, String>> headers, StreamBody body)
      implements ApiResponse {}

  /**
   * A response that is produced later by a chain that blocks no thread (a GET waiting for etcd).
   * The stage completes with a {@link Full} or {@link Streaming} response, or with the failure to
   * report; it may complete on any thread, so whoever writes the answer must not block there.
   */
  record Pending(CompletionStage<ApiResponse> result) implements ApiResponse {}

  /** Produces a streamed body once the response headers have been sent. */
  interface StreamBody {
    void start(StreamSink sink);
  }

  static Full json(int status, byte[] body) {
    return new Full(status, List.of(Map.entry("Content-Type", "application/json")), body);
  }

  static Full text(int status, String body) {
    return new Full(
        status,
        List.of(
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("X-Content-Type-Options", "nosniff")),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
