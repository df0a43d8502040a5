package dev.controlplanes.kamaji.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real kubectl against the documents, served on 127.0.0.1 by a stand-in server that adds
 * the legacy discovery kubectl needs: explain must find our kinds through the v3 index, and create
 * must see fieldValidation on PATCH and validate on the server.
 */
class OpenApiKubectlIT {

  private static final String DISCOVERY_GROUPS =
      "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"kamaji.clastix.io\","
          + "\"versions\":[{\"groupVersion\":\"kamaji.clastix.io/v1alpha1\",\"version\":\"v1alpha1\"}],"
          + "\"preferredVersion\":{\"groupVersion\":\"kamaji.clastix.io/v1alpha1\","
          + "\"version\":\"v1alpha1\"}}]}";
  private static final String VERBS =
      "[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";
  private static final String DISCOVERY_RESOURCES =
      "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":"
          + "\"kamaji.clastix.io/v1alpha1\",\"resources\":["
          + "{\"name\":\"tenantcontrolplanes\",\"singularName\":\"tenantcontrolplane\","
          + "\"namespaced\":true,\"kind\":\"TenantControlPlane\",\"shortNames\":[\"tcp\"],\"verbs\":"
          + VERBS
          + "},{\"name\":\"datastores\",\"singularName\":\"datastore\",\"namespaced\":false,"
          + "\"kind\":\"DataStore\",\"verbs\":"
          + VERBS
          + "}]}";

  private static final List<String> POSTS = new CopyOnWriteArrayList<>();
  private static HttpServer server;
  private static OpenApiResponder responder;

  @TempDir static Path temp;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(kubectl() != null, "kubectl is not installed");
    responder = new OpenApiResponder(OpenApiFixtures.documents(), Clock.systemUTC());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", OpenApiKubectlIT::handle);
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void explainFindsTheKindAndItsFieldsThroughTheV3Index() throws Exception {
    String output = kubectl("explain", "tcp.spec.controlPlane");

    assertThat(output)
        .contains("GROUP:      kamaji.clastix.io")
        .contains("KIND:       TenantControlPlane")
        .contains("VERSION:    v1alpha1")
        .contains("deployment\t<Object>")
        .contains("Deployment and service of the control plane.");
  }

  @Test
  void explainFollowsTheObjectMetaReference() throws Exception {
    String output = kubectl("explain", "datastores.metadata.ownerReferences");

    assertThat(output).contains("KIND:       DataStore").contains("uid\t<string> -required-");
  }

  @Test
  void createValidatesOnTheServer() throws Exception {
    Path manifest = temp.resolve("datastore.yaml");
    Files.writeString(
        manifest,
        "apiVersion: kamaji.clastix.io/v1alpha1\nkind: DataStore\nmetadata:\n  name: default\n"
            + "spec:\n  driver: etcd\n  endpoints: [\"127.0.0.1:2379\"]\n");

    kubectl("create", "-f", manifest.toString());

    assertThat(POSTS).anyMatch(uri -> uri.contains("fieldValidation=Strict"));
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String uri = exchange.getRequestURI().toString();
    String path = exchange.getRequestURI().getPath();
    if (exchange.getRequestMethod().equals("POST")) {
      POSTS.add(uri);
      byte[] body = exchange.getRequestBody().readAllBytes();
      send(exchange, 201, Map.of("Content-Type", "application/json"), ByteBuffer.wrap(body));
    } else if (OpenApiResponder.handles(path)) {
      OpenApiResponse response =
          responder.respond(
              uri,
              exchange.getRequestHeaders().getFirst("Accept"),
              exchange.getRequestHeaders().getFirst("If-None-Match"));
      send(exchange, response.status(), response.headers(), response.body());
    } else if (path.equals("/apis")) {
      send(exchange, 200, json(), utf8(DISCOVERY_GROUPS));
    } else if (path.equals("/apis/kamaji.clastix.io/v1alpha1")) {
      send(exchange, 200, json(), utf8(DISCOVERY_RESOURCES));
    } else {
      send(exchange, 404, json(), utf8("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":404}"));
    }
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> headers, ByteBuffer body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String kubectl(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                kubectl(),
                "--server=http://127.0.0.1:" + server.getAddress().getPort(),
                "--cache-dir=" + temp.resolve("cache")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", temp.resolve("no-kubeconfig").toString());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }

  private static String kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
