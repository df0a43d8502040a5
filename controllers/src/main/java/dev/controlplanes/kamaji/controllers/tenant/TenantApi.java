package dev.controlplanes.kamaji.controllers.tenant;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.controllers.model.Labels;
import dev.controlplanes.kamaji.controllers.pki.Kubeconfigs;
import dev.controlplanes.kamaji.controllers.pki.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A tenant's API server reached with a kubeconfig's embedded credentials, asynchronously and with
 * short timeouts, so that an unreachable tenant holds no thread. Errors carry status codes only,
 * never bodies or credentials.
 */
final class TenantApi {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  static final String FIELD_MANAGER = "kamaji";

  private final HttpClient http;
  private final String server;

  private TenantApi(HttpClient http, String server) {
    this.http = http;
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }

  /** The server and credentials of a parsed kubeadm-style kubeconfig with embedded data. */
  static TenantApi of(Kubeconfigs.Kubeconfig parsed) {
    try {
      char[] password = new char[0];
      KeyPair keys = Pem.decodePrivateKey(parsed.clientKey());
      List<X509Certificate> chain = Pem.decodeCertificates(parsed.clientCertificate());
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry(
          "client", keys.getPrivate(), password, chain.toArray(new Certificate[0]));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(identity, password);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (X509Certificate ca : Pem.decodeCertificates(parsed.certificateAuthority())) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(ssl)
              .connectTimeout(CONNECT_TIMEOUT)
              // One connection per tenant carries the applies and the dozen watches.
              .version(HttpClient.Version.HTTP_2)
              .build();
      return new TenantApi(http, parsed.server());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("unusable tenant credentials (" + e.getClass() + ")");
    }
  }

  String server() {
    return server;
  }

  /** Whether {@code /readyz} answers 200. */
  CompletableFuture<Boolean> ready() {
    return status("/readyz").thenApply(code -> code == 200);
  }

  /** The status code of a GET of {@code path}. */
  CompletableFuture<Integer> status(String path) {
    return http.sendAsync(get(path), HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(server + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  /**
   * Watches the collection at {@code collectionPath} from {@code resourceVersion} (empty: from now,
   * after the current objects as ADDED events), with bookmarks; each event's JSON goes to {@code
   * events} as it arrives, no thread waits on the stream. Completes when the server ends the watch
   * (after {@code timeoutSeconds}), fails when it refuses or the connection breaks.
   *
   * @param opened told the subscription, to cancel the watch with
   */
  CompletableFuture<Void> watch(
      String collectionPath,
      String resourceVersion,
      int timeoutSeconds,
      Consumer<JsonObject> events,
      Consumer<Flow.Subscription> opened) {
    String query =
        "?watch=1&allowWatchBookmarks=true&timeoutSeconds="
            + timeoutSeconds
            + (resourceVersion.isEmpty() ? "" : "&resourceVersion=" + resourceVersion);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server + collectionPath + query))
            .header("Accept", "application/json")
            .GET()
            .build();
    Flow.Subscriber<String> lines =
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            opened.accept(subscription);
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(String line) {
            if (line.isBlank()) {
              return;
            }
            JsonObject event;
            try {
              event = JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException e) {
              return; // not an event; the stream's end says what went wrong
            }
            events.accept(event);
          }

          @Override
          public void onError(Throwable error) {}

          @Override
          public void onComplete() {}
        };
    return http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines))
        .thenAccept(
            response -> {
              if (response.statusCode() != 200) {
                throw new TenantApiException(
                    "watch " + collectionPath + ": HTTP " + response.statusCode());
              }
            });
  }

  /**
   * Server-side apply of {@code object} (created or brought back to it), ownership forced; the
   * object as stored.
   */
  CompletableFuture<JsonObject> apply(TenantRbac.TenantObject object) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    server + object.path() + "?fieldManager=" + FIELD_MANAGER + "&force=true"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/apply-patch+yaml")
            .header("Accept", "application/json")
            .method(
                "PATCH", HttpRequest.BodyPublishers.ofByteArray(TenantRbac.bytes(object.body())))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new TenantApiException(object.path() + ": HTTP " + response.statusCode());
              }
              return JsonParser.parseString(response.body()).getAsJsonObject();
            });
  }

  /**
   * Deletes the object at {@code path} if it carries Kamaji's project label, as Kamaji cleans up
   * only what it made; the delete is conditioned on the object's uid. Missing objects are fine.
   */
  CompletableFuture<Void> deleteIfManaged(String path) {
    return http.sendAsync(get(path), HttpResponse.BodyHandlers.ofString())
        .thenCompose(
            response -> {
              if (response.statusCode() == 404) {
                return CompletableFuture.completedFuture(null);
              }
              if (response.statusCode() != 200) {
                throw new TenantApiException(path + ": HTTP " + response.statusCode());
              }
              JsonObject metadata =
                  JsonParser.parseString(response.body())
                      .getAsJsonObject()
                      .getAsJsonObject("metadata");
              JsonObject labels = metadata.getAsJsonObject("labels");
              if (labels == null
                  || !labels.has(Labels.PROJECT)
                  || !Labels.PROJECT_VALUE.equals(labels.get(Labels.PROJECT).getAsString())) {
                return CompletableFuture.completedFuture(null);
              }
              String options =
                  "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\""
                      + metadata.get("uid").getAsString()
                      + "\"}}";
              HttpRequest delete =
                  HttpRequest.newBuilder(URI.create(server + path))
                      .timeout(REQUEST_TIMEOUT)
                      .header("Content-Type", "application/json")
                      .header("Accept", "application/json")
                      .method("DELETE", HttpRequest.BodyPublishers.ofString(options))
                      .build();
              return http.sendAsync(delete, HttpResponse.BodyHandlers.discarding())
                  .thenAccept(
                      deleted -> {
                        int status = deleted.statusCode();
                        if (status / 100 != 2 && status != 404 && status != 409) {
                          throw new TenantApiException(path + ": HTTP " + status);
                        }
                      });
            });
  }

  /** What failed inside the completion and execution wrappers of the asynchronous calls. */
  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && (cause instanceof CompletionException || cause instanceof ExecutionException)) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A refused request; the message holds the path and status code only. */
  static final class TenantApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TenantApiException(String message) {
      super(message);
    }
  }
}
