package dev.controlplanes.kamaji.konnectivity.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A small HTTP server for {@code /healthz}, {@code /readyz}, {@code /ready} and {@code /metrics}
 * (the health port), or just {@code /metrics} (the admin port).
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer http;

  private HealthServer(HttpServer http) {
    this.http = http;
  }

  public static HealthServer start(
      String bindAddress,
      int port,
      CollectorRegistry registry,
      BooleanSupplier ready,
      boolean withProbes)
      throws IOException {
    InetSocketAddress address =
        bindAddress.isEmpty()
            ? new InetSocketAddress(port)
            : new InetSocketAddress(bindAddress, port);
    HttpServer http = HttpServer.create(address, 0);
    http.setExecutor(Executors.newSingleThreadExecutor(daemon("konnectivity-http")));
    http.createContext("/metrics", ex -> metrics(ex, registry));
    if (withProbes) {
      http.createContext("/healthz", ex -> reply(ex, 200, "ok"));
      http.createContext(
          "/readyz",
          ex ->
              reply(
                  ex, ready.getAsBoolean() ? 200 : 500, ready.getAsBoolean() ? "ok" : "not ready"));
      http.createContext(
          "/ready",
          ex ->
              reply(
                  ex, ready.getAsBoolean() ? 200 : 500, ready.getAsBoolean() ? "ok" : "not ready"));
    }
    http.start();
    return new HealthServer(http);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private static void metrics(HttpExchange ex, CollectorRegistry registry) throws IOException {
    StringWriter w = new StringWriter();
    TextFormat.write004(w, registry.metricFamilySamples());
    ex.getResponseHeaders().set("Content-Type", TextFormat.CONTENT_TYPE_004);
    reply(ex, 200, w.toString());
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }
}
