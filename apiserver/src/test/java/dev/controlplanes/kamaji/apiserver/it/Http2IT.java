package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.RestClient.WatchStream;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API over HTTP/2, which Go clients and kube-apiserver's proxy choose through ALPN: requests,
 * client certificates, watch streams (many at once on one connection) and the body limit.
 */
class Http2IT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "h2";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final RestClient h2 = RestClient.of(api, api.admin(), HttpClient.Version.HTTP_2);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  @Test
  void requestsAreServedOverHttp2WithTheClientCertificate() {
    RestClient.Response created =
        h2.post(Samples.tcps(NS), Samples.tcp(NS, "over-h2").toString()).expect(201);
    assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_2);

    RestClient.Response got = h2.get(Samples.tcpPath(NS, "over-h2")).expect(200);
    assertThat(got.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(string(got.json(), "metadata.uid"))
        .isEqualTo(string(created.json(), "metadata.uid"));
    // Connection-specific HTTP/1.1 headers are not valid in HTTP/2.
    assertThat(got.headers().firstValue("connection")).isEmpty();
    assertThat(got.headers().firstValue("transfer-encoding")).isEmpty();
  }

  @Test
  void withoutACertificateTheAnswerIsTheSameAsOverHttp1() {
    RestClient.Response overH2 =
        RestClient.of(api, null, HttpClient.Version.HTTP_2).get(Samples.tcps(NS));
    RestClient.Response overH1 = RestClient.anonymous(api).get(Samples.tcps(NS));

    assertThat(overH2.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(overH2.status()).isEqualTo(overH1.status()).isIn(401, 403);
    assertThat(overH2.body()).isEqualTo(overH1.body());
  }

  @Test
  void manyWatchesShareOneConnectionAndEachEndsCleanly() throws Exception {
    // More streams than HTTP/2's common default of 100, on the one connection the client keeps.
    List<WatchStream> watches = new ArrayList<>();
    try {
      for (int i = 0; i < 120; i++) {
        WatchStream w =
            h2.watch(
                Samples.tcps(NS)
                    + "?watch=true&timeoutSeconds=30&fieldSelector=metadata.name%3Dwatched");
        assertThat(w.status()).isEqualTo(200);
        assertThat(w.version()).isEqualTo(HttpClient.Version.HTTP_2);
        watches.add(w);
      }
      h2.post(Samples.tcps(NS), Samples.tcp(NS, "watched").toString()).expect(201);
      for (WatchStream w : watches) {
        JsonObject event = w.next(WAIT);
        assertThat(string(event, "type")).isEqualTo("ADDED");
        assertThat(string(event, "object.metadata.name")).isEqualTo("watched");
      }
    } finally {
      watches.forEach(WatchStream::close);
    }

    // The server ends a stream at its timeout with the end of the stream, not a reset.
    try (WatchStream timed = h2.watch(Samples.tcps(NS) + "?watch=true&timeoutSeconds=1")) {
      assertThat(timed.awaitEnd(WAIT)).isTrue();
      assertThat(timed.endedCleanly()).isTrue();
    }
    // And the connection still serves requests after 121 streams came and went.
    assertThat(h2.get(Samples.tcps(NS)).expect(200).version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void aClientThatDoesNotTrustUsFailsItsHandshakeAndOthersAreServed() throws Exception {
    HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.url() + Samples.tcps(NS))).build();

    assertThatThrownBy(() -> untrusting.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(h2.get(Samples.tcps(NS)).expect(200).version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void anOversizedBodyIs413OverHttp2Too() {
    String huge = "{\"metadata\":{\"name\":\"x\"},\"pad\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}";
    RestClient.Response r = h2.post(Samples.tcps(NS), huge);

    assertThat(r.status()).isEqualTo(413);
    assertThat(string(r.json(), "reason")).isEqualTo("RequestEntityTooLarge");
    assertThat(h2.get(Samples.tcps(NS)).expect(200).version()).isEqualTo(HttpClient.Version.HTTP_2);
  }
}
