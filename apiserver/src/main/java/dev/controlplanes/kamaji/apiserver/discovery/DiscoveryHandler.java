package dev.controlplanes.kamaji.apiserver.discovery;

import dev.controlplanes.kamaji.apiserver.errors.Statuses;
import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.MediaType;
import java.util.List;
import java.util.Map;

/** Serves /apis (legacy or aggregated v2 by Accept), /apis/{group} and /apis/{group}/{version}. */
public final class DiscoveryHandler {

  private final String group;
  private final String version;
  private final DiscoveryDocuments documents;

  public DiscoveryHandler(String group, String version, DiscoveryDocuments documents) {
    this.group = group;
    this.version = version;
    this.documents = documents;
  }

  /** Returns the response for a discovery path, or null when the path is not discovery. */
  public ApiResponse handle(ApiRequest request) {
    String path =
        request.path().endsWith("/") && request.path().length() > 1
            ? request.path().substring(0, request.path().length() - 1)
            : request.path();
    if (!request.method().equals("GET")) {
      return null;
    }
    if (path.equals("/apis")) {
      return apis(request);
    }
    if (path.equals("/apis/" + group)) {
      return json(documents.group());
    }
    if (path.equals("/apis/" + group + "/" + version)) {
      return json(documents.resourceList());
    }
    if (path.equals("/api")) {
      throw Statuses.notFoundPath();
    }
    return null;
  }

  private ApiResponse apis(ApiRequest request) {
    for (MediaType range : MediaType.parseAccept(request.header("Accept"))) {
      boolean v2 =
          range.essence().equals("application/json")
              && "apidiscovery.k8s.io".equals(range.param("g"))
              && "v2".equals(range.param("v"))
              && "APIGroupDiscoveryList".equals(range.param("as"));
      if (v2) {
        if (documents.aggregatedEtag().equals(request.header("If-None-Match"))) {
          return new ApiResponse.Full(
              304, List.of(Map.entry("ETag", documents.aggregatedEtag())), new byte[0]);
        }
        return new ApiResponse.Full(
            200,
            List.of(
                Map.entry("Content-Type", DiscoveryDocuments.AGGREGATED_V2),
                Map.entry("ETag", documents.aggregatedEtag()),
                Map.entry("Vary", "Accept"),
                Map.entry("Cache-Control", "public")),
            documents.aggregated());
      }
      if (range.param("as") == null
          && (range.essence().equals("application/json")
              || range.essence().equals("*/*")
              || range.essence().equals("application/*"))) {
        return json(documents.groupList());
      }
    }
    throw Statuses.notAcceptable("application/json, " + DiscoveryDocuments.AGGREGATED_V2);
  }

  private static ApiResponse json(byte[] body) {
    return new ApiResponse.Full(
        200,
        List.of(Map.entry("Content-Type", "application/json"), Map.entry("Vary", "Accept")),
        body);
  }
}
