package dev.controlplanes.kamaji.apiserver;

import dev.controlplanes.kamaji.apiserver.http.ApiRequest;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiDocuments;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiKind;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiResource;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiResponder;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiResponse;
import dev.controlplanes.kamaji.apiserver.openapi.OpenApiSubresource;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.tenantcontrolplane.KubeconfigSubresource;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Serves /openapi/v2 and /openapi/v3 for the registered resources. */
final class OpenApiEndpoint {

  private OpenApiEndpoint() {}

  static Function<ApiRequest, ApiResponse> create(
      List<ResourceRegistration> resources, Clock clock) {
    List<OpenApiResource> described = new ArrayList<>();
    for (ResourceRegistration r : resources) {
      ResourceType t = r.type();
      OpenApiKind kind = OpenApiKind.of(t.group(), t.version(), t.kind(), t.schema());
      OpenApiSubresource[] subresources =
          t.subresources().stream()
              // kubeconfig answers YAML, not an object with a schema
              .filter(s -> !s.equals(KubeconfigSubresource.NAME))
              .map(
                  s -> s.equals("scale") ? OpenApiSubresource.scale() : OpenApiSubresource.status())
              .toArray(OpenApiSubresource[]::new);
      described.add(
          t.namespaced()
              ? OpenApiResource.ofNamespaced(kind, t.plural(), subresources)
              : OpenApiResource.ofCluster(kind, t.plural(), subresources));
    }
    OpenApiResponder responder = new OpenApiResponder(OpenApiDocuments.build(described), clock);
    return request -> {
      String hash = request.param("hash");
      String uri = hash == null ? request.path() : request.path() + "?hash=" + hash;
      OpenApiResponse r =
          responder.respond(
              uri,
              request.header("Accept"),
              String.join(", ", request.headers().getAll("If-None-Match")));
      ByteBuffer body = r.body();
      byte[] bytes = new byte[body.remaining()];
      body.get(bytes);
      List<Map.Entry<String, String>> headers = new ArrayList<>(r.headers().entrySet());
      return new ApiResponse.Full(r.status(), headers, bytes);
    };
  }
}
