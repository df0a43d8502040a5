package dev.controlplanes.kamaji.apiserver.authn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny stand-in for kube-apiserver on 127.0.0.1 (port 0), plain HTTP, answering fixed routes with
 * JSON computed from the request body. Enough to test one client-java call at a time.
 */
public final class StubKubeApiServer implements AutoCloseable {

  /** What a route answers. */
  public record Response(int status, String json) {
    public static Response ok(String json) {
      return new Response(200, json);
    }
  }

  /** One received request. */
  public record Request(String method, String path, String body) {}

  private final HttpServer server;
  private final Map<String, Function<String, Response>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public StubKubeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code method path} with {@code handler(body)}; replaces an earlier route. */
  public StubKubeApiServer route(String method, String path, Function<String, Response> handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** A client-java client pointing at this stub. */
  public ApiClient apiClient() {
    ApiClient client = new ApiClient();
    client.setBasePath("http://127.0.0.1:" + server.getAddress().getPort());
    return client;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.add(new Request(method, path, body));
      Function<String, Response> handler = routes.get(method + " " + path);
      Response response =
          handler == null
              ? new Response(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":404}")
              : handler.apply(body);
      byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
