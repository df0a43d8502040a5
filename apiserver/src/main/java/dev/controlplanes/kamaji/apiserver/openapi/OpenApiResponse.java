package dev.controlplanes.kamaji.apiserver.openapi;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to answer to an OpenAPI request: status, headers in the order to write them, and the body
 * (empty for 304). The HTTP layer adds {@code Content-Length} and, for HEAD, drops the body.
 */
public record OpenApiResponse(int status, Map<String, String> headers, ByteBuffer body) {

  public OpenApiResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body.asReadOnlyBuffer();
  }

  /** A read-only view of the body, positioned at its start; every call returns a new view. */
  @Override
  public ByteBuffer body() {
    return body.duplicate();
  }

  /** The value of a header, matched case-insensitively, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
