package dev.controlplanes.kamaji.apiserver.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.tls.IssuedCertificate;
import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Raw HTTPS requests against the test server with {@link java.net.http.HttpClient}: the serving CA
 * is trusted, and the client presents a certificate (or none, for anonymous requests). Responses
 * are read whole, except watches, which are read line by line as the server flushes them.
 */
public final class RestClient {

  /** One answer: status, headers and the body as text. */
  public record Response(int status, HttpHeaders headers, String body, HttpClient.Version version) {

    public JsonObject json() {
      try {
        return JsonParser.parseString(body).getAsJsonObject();
      } catch (RuntimeException e) {
        throw new AssertionError("not a JSON object (HTTP " + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public List<String> headers(String name) {
      return headers.allValues(name);
    }

    /** Fails with the body in the message unless the status is {@code expected}. */
    public Response expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
      }
      return this;
    }
  }

  private final String base;
  private final HttpClient http;

  private RestClient(String base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /** An HTTP/1.1 client for {@code api} presenting {@code certificate}, or none when it is null. */
  public static RestClient of(ApiServerExtension api, IssuedCertificate certificate) {
    return of(api, certificate, HttpClient.Version.HTTP_1_1);
  }

  /** A client that offers {@code version} (HTTP/2 is negotiated through ALPN). */
  public static RestClient of(
      ApiServerExtension api, IssuedCertificate certificate, HttpClient.Version version) {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(sslContext(api, certificate))
            .version(version)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new RestClient(api.url(), http);
  }

  /** TLS that trusts {@code api}'s serving CA and presents {@code certificate} unless null. */
  public static SSLContext sslContext(ApiServerExtension api, IssuedCertificate certificate) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (X509Certificate ca : PemFiles.parseCertificates(api.servingCaPem())) {
        trust.setCertificateEntry("ca" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
      keys.load(null, null);
      if (certificate != null) {
        keys.setKeyEntry(
            "client",
            certificate.privateKey(),
            new char[0],
            certificate.chain().toArray(new X509Certificate[0]));
      }
      kmf.init(keys, new char[0]);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the test TLS context", e);
    }
  }

  /** The admin (system:masters) client. */
  public static RestClient admin(ApiServerExtension api) {
    return of(api, api.admin());
  }

  /** A client without a certificate. */
  public static RestClient anonymous(ApiServerExtension api) {
    return of(api, null);
  }

  public Response get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public Response post(String path, String body, String... headers) {
    return send("POST", path, body, withDefault(headers, "Content-Type", "application/json"));
  }

  public Response put(String path, String body, String... headers) {
    return send("PUT", path, body, withDefault(headers, "Content-Type", "application/json"));
  }

  public Response patch(String path, String contentType, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = contentType;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("PATCH", path, body, all);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  public Response delete(String path, String body) {
    return send("DELETE", path, body, "Content-Type", "application/json");
  }

  /** Any request; {@code headers} are name/value pairs. */
  public Response send(String method, String path, String body, String... headers) {
    HttpRequest request = request(method, path, body, headers).build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(
          response.statusCode(), response.headers(), response.body(), response.version());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Like {@link #send} with a raw byte body. */
  public Response sendBytes(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b = request(method, path, null, headers);
    b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> response =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(
          response.statusCode(), response.headers(), response.body(), response.version());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Starts a watch (the caller adds {@code watch=true} to {@code path}). A non-200 answer is
   * returned as the stream's {@link WatchStream#response()} with no events.
   */
  public WatchStream watch(String path, String... headers) {
    return new WatchStream(unreadStream(path, headers));
  }

  /** A GET whose streamed body nobody reads until the caller does: a client that falls behind. */
  public HttpResponse<InputStream> unreadStream(String path, String... headers) {
    try {
      return http.send(
          request("GET", path, null, headers).build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private HttpRequest.Builder request(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private static String[] withDefault(String[] headers, String name, String value) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase(name)) {
        return headers;
      }
    }
    List<String> all = new ArrayList<>(List.of(headers));
    all.add(name);
    all.add(value);
    return all.toArray(new String[0]);
  }

  /** A watch response read line by line on a background thread. */
  public static final class WatchStream implements AutoCloseable {

    private static final JsonObject END = new JsonObject();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final List<String> raw = new ArrayList<>();
    private volatile boolean ended;
    private volatile boolean endedCleanly;

    WatchStream(HttpResponse<InputStream> response) {
      this.response = response;
      Thread reader = new Thread(this::read, "watch-reader");
      reader.setDaemon(true);
      reader.start();
    }

    public int status() {
      return response.statusCode();
    }

    public HttpHeaders headers() {
      return response.headers();
    }

    public HttpClient.Version version() {
      return response.version();
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.isEmpty()) {
            continue;
          }
          synchronized (raw) {
            raw.add(line);
          }
          JsonElement parsed = JsonParser.parseString(line);
          events.add(parsed.getAsJsonObject());
        }
        endedCleanly = true;
      } catch (IOException | RuntimeException e) {
        // closed by the test, or the server ended the connection
      } finally {
        ended = true;
        events.add(END);
      }
    }

    /** The next event, or fails after {@code timeout}; fails too when the stream ended. */
    public JsonObject next(Duration timeout) {
      JsonObject event = poll(timeout);
      if (event == null) {
        throw new AssertionError("no watch event within " + timeout + "; lines: " + lines());
      }
      return event;
    }

    /** The next event, or null on timeout or when the stream ended. */
    public JsonObject poll(Duration timeout) {
      try {
        JsonObject event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == END) {
          events.add(END);
          return null;
        }
        return event;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /** Waits for the server to end the stream; true when it did within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!ended && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return ended;
    }

    public boolean ended() {
      return ended;
    }

    /** True when the server terminated the body properly (no reset, no truncated chunk). */
    public boolean endedCleanly() {
      return endedCleanly;
    }

    /** Every line received so far. */
    public List<String> lines() {
      synchronized (raw) {
        return List.copyOf(raw);
      }
    }

    /** The whole body of a non-streaming (error) answer. */
    public String errorBody() {
      awaitEnd(Duration.ofSeconds(5));
      return String.join("\n", lines());
    }

    @Override
    public void close() {
      try {
        response.body().close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
