package dev.controlplanes.kamaji.konnectivity.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The endpoint behind the agent, on 127.0.0.1: {@code /success} and {@code /bytes/N} (N bytes of
 * {@link #pattern(long)}).
 */
public final class TargetServer implements AutoCloseable {

  private final HttpServer http;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public TargetServer() throws IOException {
    this("127.0.0.1");
  }

  /** Listens on {@code host}, a loopback address such as {@code ::1}, on a free port. */
  public TargetServer(String host) throws IOException {
    http = HttpServer.create(new InetSocketAddress(host, 0), 200);
    http.setExecutor(executor);
    http.createContext("/success", ex -> reply(ex, "success from the target\n"));
    http.createContext("/bytes", this::bytes);
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** The deterministic byte at offset {@code i} of a /bytes body. */
  public static byte pattern(long i) {
    return (byte) ((i * 31 + (i >>> 8)) & 0xff);
  }

  /** The whole body of {@code /bytes/n}, to compare a response with. */
  public static byte[] body(int n) {
    byte[] body = new byte[n];
    for (int i = 0; i < n; i++) {
      body[i] = pattern(i);
    }
    return body;
  }

  /** A raw HTTP/1.0 request for {@code /bytes/n}, to write into a tunnel to this server. */
  public static byte[] bytesRequest(long n) {
    return ("GET /bytes/" + n + " HTTP/1.0\r\nHost: target\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the body of a raw HTTP/1 response is exactly the {@code /bytes/n} body. */
  public static boolean hasBytesBody(byte[] response, int n) {
    int start = bodyStart(response);
    return start >= 0
        && response.length - start == n
        && Arrays.equals(response, start, response.length, body(n), 0, n);
  }

  /** Where the body of a raw HTTP/1 response starts: after the blank line, or -1 without one. */
  public static int bodyStart(byte[] response) {
    outer:
    for (int i = 0; i + 4 <= response.length; i++) {
      for (int j = 0; j < 4; j++) {
        if (response[i + j] != "\r\n\r\n".charAt(j)) {
          continue outer;
        }
      }
      return i + 4;
    }
    return -1;
  }

  private void bytes(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    long n = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    ex.sendResponseHeaders(200, n);
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = ex.getResponseBody()) {
      for (long off = 0; off < n; ) {
        int len = (int) Math.min(buf.length, n - off);
        for (int i = 0; i < len; i++) {
          buf[i] = pattern(off + i);
        }
        out.write(buf, 0, len);
        off += len;
      }
    }
  }

  private static void reply(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
