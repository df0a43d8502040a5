package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests pipelined on one HTTP/1.1 connection, written to a TLS socket in one go: the answers
 * come back in the order of the requests, whichever of them is quick to answer (RFC 9112 9.3.2).
 */
class Http1PipeliningIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "pipelined";

  @BeforeAll
  static void objects() {
    RestClient admin = RestClient.admin(api);
    Samples.ensureDefaultDataStore(admin);
    for (String name : List.of("first", "second")) {
      admin.post(Samples.tcps(NS), Samples.tcp(NS, name).toString()).expect(201);
    }
  }

  @Test
  void anAnswerWaitsForTheWatchSentBeforeIt() throws IOException {
    try (SSLSocket socket = connect()) {
      send(
          socket,
          Samples.tcps(NS) + "?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dnone",
          Samples.tcpPath(NS, "first"),
          Samples.tcpPath(NS, "missing"));
      InputStream in = new BufferedInputStream(socket.getInputStream());

      Answer watch = Answer.read(in);
      assertThat(watch.status).isEqualTo(200);
      assertThat(watch.headers.get("transfer-encoding")).isEqualTo("chunked");
      Answer first = Answer.read(in);
      assertThat(first.status).isEqualTo(200);
      assertThat(first.body).contains("\"name\":\"first\"");
      Answer missing = Answer.read(in);
      assertThat(missing.status).isEqualTo(404);
      assertThat(missing.body).contains("\"reason\":\"NotFound\"");
    }
  }

  @Test
  void manyPipelinedRequestsAreAnsweredInOrder() throws IOException {
    // More than the server holds before it stops reading, mixing GETs it answers on the event
    // loop (one object as JSON) with ones that go to its worker threads (Table, lists).
    List<String> paths = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      switch (i % 3) {
        case 0 -> {
          paths.add(Samples.tcpPath(NS, "first"));
          expected.add("\"name\":\"first\"");
        }
        case 1 -> {
          paths.add(Samples.tcps(NS) + "?labelSelector=round%3D" + i);
          expected.add("\"kind\":\"TenantControlPlaneList\"");
        }
        default -> {
          paths.add(Samples.tcpPath(NS, "second") + "?resourceVersion=0");
          expected.add("\"name\":\"second\"");
        }
      }
    }
    try (SSLSocket socket = connect()) {
      send(socket, paths.toArray(new String[0]));
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < paths.size(); i++) {
        Answer answer = Answer.read(in);
        assertThat(answer.status).as("answer %d", i).isEqualTo(200);
        assertThat(answer.body).as("answer %d", i).contains(expected.get(i));
      }
    }
  }

  private static SSLSocket connect() throws IOException {
    URI url = URI.create(api.url());
    SSLSocket socket =
        (SSLSocket)
            RestClient.sslContext(api, api.admin())
                .getSocketFactory()
                .createSocket(url.getHost(), url.getPort());
    socket.setSoTimeout(20_000);
    socket.startHandshake();
    return socket;
  }

  private static void send(SSLSocket socket, String... paths) throws IOException {
    StringBuilder requests = new StringBuilder();
    for (String path : paths) {
      requests
          .append("GET ")
          .append(path)
          .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n");
    }
    socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** One HTTP/1.1 response read off the connection: with a Content-Length, or chunked. */
  private record Answer(int status, Map<String, String> headers, String body) {

    static Answer read(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        headers.put(
            header.substring(0, colon).toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if ("chunked".equals(headers.get("transfer-encoding"))) {
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
          body.write(in.readNBytes(size));
          line(in);
        }
        line(in);
      } else {
        body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
      }
      return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
      return Integer.parseInt(line(in).split(";")[0].trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed mid-answer");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }
  }
}
