package dev.controlplanes.kamaji.apiserver.openapi;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers GET requests under {@code /openapi} from prebuilt documents, as kube-openapi's handlers
 * do with two deliberate differences: a stale {@code hash} gets the current document with 200
 * instead of a 301 (kube-apiserver turns a backend redirect into 502), and there is no protobuf, so
 * an {@code Accept} header that admits only protobuf gets 406. Pure: no I/O, time from the clock.
 */
public final class OpenApiResponder {

  public static final String V2_PATH = "/openapi/v2";
  public static final String V3_PATH = "/openapi/v3";

  private static final String GROUP_VERSION_PREFIX = V3_PATH + "/apis/";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final OpenApiDocuments documents;
  private final Clock clock;

  public OpenApiResponder(OpenApiDocuments documents, Clock clock) {
    this.documents = Objects.requireNonNull(documents, "documents");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a request path belongs to this responder: {@code /openapi} and everything below. */
  public static boolean handles(String path) {
    return path.equals("/openapi") || path.startsWith("/openapi/");
  }

  /**
   * The answer to a GET of {@code uri} (path and query, as on the request line).
   *
   * @param accept the {@code Accept} header, or null
   * @param ifNoneMatch the {@code If-None-Match} header (several values joined by commas), or null
   */
  public OpenApiResponse respond(String uri, String accept, String ifNoneMatch) {
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    String path = decoder.path();
    if (path.equals(V2_PATH)) {
      return negotiated(documents.v2(), accept, ifNoneMatch, false);
    }
    if (path.equals(V3_PATH)) {
      return document(documents.v3Index(), new LinkedHashMap<>(), ifNoneMatch, false);
    }
    Optional<OpenApiDocument> groupVersion = groupVersionDocument(path);
    if (groupVersion.isEmpty()) {
      return status(
          404,
          "NotFound",
          "the server could not find the requested resource",
          new LinkedHashMap<>());
    }
    OpenApiDocument document = groupVersion.get();
    List<String> hash = decoder.parameters().getOrDefault("hash", List.of());
    boolean current = !hash.isEmpty() && hash.get(0).equals(document.hash());
    return negotiated(document, accept, ifNoneMatch, current);
  }

  private Optional<OpenApiDocument> groupVersionDocument(String path) {
    if (!path.startsWith(GROUP_VERSION_PREFIX)) {
      return Optional.empty();
    }
    String[] segments = path.substring(GROUP_VERSION_PREFIX.length()).split("/", -1);
    if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
      return Optional.empty();
    }
    return documents.v3GroupVersion(new GroupVersion(segments[0], segments[1]));
  }

  private OpenApiResponse negotiated(
      OpenApiDocument document, String accept, String ifNoneMatch, boolean immutable) {
    Map<String, String> headers = new LinkedHashMap<>();
    // The body depends on Accept (JSON or, with kube, protobuf): caches must key on it.
    headers.put("Vary", "Accept");
    if (!AcceptHeader.acceptsJson(accept)) {
      return status(
          406,
          "NotAcceptable",
          "only the following media types are accepted: " + MediaTypes.JSON,
          headers);
    }
    return document(document, headers, ifNoneMatch, immutable);
  }

  /**
   * 200 with the document, or 304 when If-None-Match names its ETag. Only a request naming the
   * current hash may be cached as immutable; everything else must be revalidated.
   */
  private OpenApiResponse document(
      OpenApiDocument document,
      Map<String, String> headers,
      String ifNoneMatch,
      boolean immutable) {
    headers.put("ETag", document.etag());
    if (immutable) {
      headers.put("Cache-Control", "public, immutable");
      headers.put("Expires", HTTP_DATE.format(clock.instant().atZone(ZoneOffset.UTC).plusYears(1)));
    } else {
      headers.put("Cache-Control", "no-cache, private");
    }
    if (EntityTags.noneMatchHits(ifNoneMatch, document.etag())) {
      return new OpenApiResponse(304, headers, ByteBuffer.allocate(0));
    }
    headers.put("Content-Type", MediaTypes.JSON);
    return new OpenApiResponse(200, headers, document.content());
  }

  private static OpenApiResponse status(
      int code, String reason, String message, Map<String, String> headers) {
    String body =
        "{\"apiVersion\":\"v1\",\"code\":"
            + code
            + ",\"details\":{},\"kind\":\"Status\","
            + "\"message\":\""
            + message
            + "\",\"metadata\":{},\"reason\":\""
            + reason
            + "\","
            + "\"status\":\"Failure\"}";
    headers.put("Cache-Control", "no-cache, private");
    headers.put("Content-Type", MediaTypes.JSON);
    return new OpenApiResponse(
        code, headers, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
  }
}
