package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A watcher that stops reading is cut off once 16 MiB of its events wait to be written, on both
 * protocols (over HTTP/2 its frames wait in the connection's flow control, not in a socket buffer),
 * so one slow client cannot make the server hold every later event for it.
 */
class SlowWatcherIT {

  /** A short history: the updates here are 200 KB each. */
  @RegisterExtension static ApiServerExtension api = new ApiServerExtension(20);

  private static final int UPDATES = 300;
  private static final String PAD = "x".repeat(200_000);

  @BeforeAll
  static void dataStore() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
  }

  @ParameterizedTest
  @EnumSource(
      value = HttpClient.Version.class,
      names = {"HTTP_1_1", "HTTP_2"})
  void aWatcherThatStopsReadingIsCutOff(HttpClient.Version version) throws Exception {
    String ns = "slow-" + version.name().toLowerCase().replace('_', '-');
    RestClient client = RestClient.of(api, api.admin(), version);
    client.post(Samples.tcps(ns), Samples.tcp(ns, "big").toString()).expect(201);
    HttpResponse<InputStream> unread =
        client.unreadStream(Samples.tcps(ns) + "?watch=true&timeoutSeconds=300");
    assertThat(unread.statusCode()).isEqualTo(200);
    assertThat(unread.version()).isEqualTo(version);

    // About 60 MB of events: more than the client's buffers and windows (16 MiB per HTTP/2
    // stream in the JDK's client) and the server's 16 MiB together.
    for (int i = 0; i < UPDATES; i++) {
      client
          .patch(
              Samples.tcpPath(ns, "big"),
              "application/merge-patch+json",
              "{\"metadata\":{\"annotations\":{\"pad\":\"" + i + PAD + "\"}}}")
          .expect(200);
    }

    // Reading now drains what was sent before the cut; then the stream ends, early.
    CompletableFuture<Integer> events = CompletableFuture.supplyAsync(() -> countEvents(unread));
    int received = events.get(60, TimeUnit.SECONDS);
    assertThat(received).isGreaterThan(10).isLessThan(UPDATES);
    // The server itself is fine.
    client.get(Samples.tcpPath(ns, "big")).expect(200);
  }

  /** Events until the stream ends (cleanly or not). */
  private static int countEvents(HttpResponse<InputStream> response) {
    int n = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      while (lines.readLine() != null) {
        n++;
      }
    } catch (IOException e) {
      // ended by a reset: what was read counts
    }
    return n;
  }
}
