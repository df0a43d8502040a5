package dev.controlplanes.kamaji.apiserver.openapi;

import static dev.controlplanes.kamaji.apiserver.openapi.OpenApiFixtures.GV;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenApiResponderTest {

  private static final OpenApiDocuments DOCUMENTS = OpenApiFixtures.documents();
  private static final String GV_PATH = "/openapi/v3/apis/kamaji.clastix.io/v1alpha1";
  private static final String PROTOBUF_V3 =
      "application/com.github.proto-openapi.spec.v3.v1.0+protobuf";
  private static final String PROTOBUF_V2 =
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

  private final OpenApiResponder responder =
      new OpenApiResponder(
          DOCUMENTS, Clock.fixed(Instant.parse("2026-03-05T07:08:09Z"), ZoneOffset.UTC));
  private final OpenApiDocument gv = DOCUMENTS.v3GroupVersion(GV).orElseThrow();

  @Test
  void servesTheV3IndexWithItsEtag() {
    OpenApiResponse response = responder.respond("/openapi/v3", null, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(response.header("ETag")).isEqualTo(DOCUMENTS.v3Index().etag());
    assertThat(response.header("Cache-Control")).isEqualTo("no-cache, private");
    assertThat(body(response)).isEqualTo(OpenApiFixtures.text(DOCUMENTS.v3Index()));
  }

  @Test
  void currentHashGetsImmutableCachingForOneYear() {
    OpenApiResponse response =
        responder.respond(GV_PATH + "?hash=" + gv.hash(), "application/json", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("ETag")).isEqualTo('"' + gv.hash() + '"');
    assertThat(response.header("Vary")).isEqualTo("Accept");
    assertThat(response.header("Cache-Control")).isEqualTo("public, immutable");
    assertThat(response.header("Expires")).isEqualTo("Fri, 05 Mar 2027 07:08:09 GMT");
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(body(response)).isEqualTo(OpenApiFixtures.text(gv));
  }

  @Test
  void staleHashGetsTheCurrentDocumentWithoutRedirectOrImmutableCaching() {
    OpenApiResponse response = responder.respond(GV_PATH + "?hash=0BADC0FFEE", null, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Location")).isNull();
    assertThat(response.header("ETag")).isEqualTo(gv.etag());
    assertThat(response.header("Cache-Control")).isEqualTo("no-cache, private");
    assertThat(response.header("Expires")).isNull();
    assertThat(body(response)).isEqualTo(OpenApiFixtures.text(gv));
  }

  @Test
  void noHashGetsTheDocumentWithoutImmutableCaching() {
    OpenApiResponse response = responder.respond(GV_PATH, null, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Cache-Control")).isEqualTo("no-cache, private");
    assertThat(response.header("Expires")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/openapi/v2", "/openapi/v3", GV_PATH, GV_PATH + "?hash=X"})
  void matchingIfNoneMatchGets304WithoutBody(String uri) {
    String etag = responder.respond(uri, null, null).header("ETag");

    OpenApiResponse response = responder.respond(uri, null, "\"other\", W/" + etag);

    assertThat(response.status()).isEqualTo(304);
    assertThat(response.header("ETag")).isEqualTo(etag);
    assertThat(response.header("Content-Type")).isNull();
    assertThat(response.body().remaining()).isZero();
  }

  @Test
  void notModifiedKeepsTheImmutableCachingHeadersOfTheCurrentHash() {
    OpenApiResponse response = responder.respond(GV_PATH + "?hash=" + gv.hash(), null, gv.etag());

    assertThat(response.status()).isEqualTo(304);
    assertThat(response.header("Cache-Control")).isEqualTo("public, immutable");
    assertThat(response.header("Vary")).isEqualTo("Accept");
  }

  @Test
  void nonMatchingIfNoneMatchGetsTheDocument() {
    OpenApiResponse response = responder.respond("/openapi/v2", null, "\"" + gv.hash() + "\"");

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response)).isEqualTo(OpenApiFixtures.text(DOCUMENTS.v2()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PROTOBUF_V3,
        PROTOBUF_V3 + ", application/json;q=0",
        "text/html",
        "application/json;q=0"
      })
  void groupVersionRefusesAcceptHeadersWithoutJson(String accept) {
    OpenApiResponse response = responder.respond(GV_PATH, accept, null);

    assertThat(response.status()).isEqualTo(406);
    assertThat(response.header("Vary")).isEqualTo("Accept");
    assertThat(response.header("ETag")).isNull();
    assertThat(body(response)).contains("\"reason\":\"NotAcceptable\"", "\"code\":406");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "*/*",
        "application/*",
        PROTOBUF_V3 + ", application/json",
        PROTOBUF_V3 + ";q=1, */*;q=0.1",
        "application/json;charset=utf-8",
        "",
        "*; q=.2"
      })
  void groupVersionServesJsonWheneverJsonIsAcceptable(String accept) {
    assertThat(responder.respond(GV_PATH, accept, null).status()).isEqualTo(200);
  }

  @Test
  void v2ServesJsonOrRefusesProtobufOnly() {
    assertThat(responder.respond("/openapi/v2", PROTOBUF_V2, null).status()).isEqualTo(406);
    OpenApiResponse json =
        responder.respond("/openapi/v2", PROTOBUF_V2 + ", application/json", null);
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Type")).isEqualTo("application/json");
    assertThat(json.header("ETag")).isEqualTo(DOCUMENTS.v2().etag());
    assertThat(json.header("Vary")).isEqualTo("Accept");
    assertThat(json.header("Cache-Control")).isEqualTo("no-cache, private");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/openapi",
        "/openapi/",
        "/openapi/v2/",
        "/openapi/v3/",
        "/openapi/v1",
        "/openapi/v3/apis",
        "/openapi/v3/apis/kamaji.clastix.io",
        "/openapi/v3/apis/kamaji.clastix.io/v1",
        "/openapi/v3/apis/kamaji.clastix.io/v1alpha1/",
        "/openapi/v3/api/v1",
        "/openapi/v3/apis/apps/v1",
        "/openapi/v3/apis/kamaji.clastix.io/v1alpha1/extra"
      })
  void unknownPathsUnderOpenApiAre404(String uri) {
    OpenApiResponse response = responder.respond(uri, null, null);

    assertThat(OpenApiResponder.handles(uri.replaceAll("\\?.*", ""))).isTrue();
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(body(response))
        .contains("\"kind\":\"Status\"", "\"reason\":\"NotFound\"", "\"code\":404");
  }

  @Test
  void handlesOnlyOpenApiPaths() {
    assertThat(OpenApiResponder.handles("/openapiv2")).isFalse();
    assertThat(OpenApiResponder.handles("/apis")).isFalse();
    assertThat(OpenApiResponder.handles("/openapi/v2")).isTrue();
  }

  @Test
  void responseBodiesAreIndependentReadOnlyViews() {
    OpenApiResponse response = responder.respond("/openapi/v2", null, null);
    ByteBuffer first = response.body();
    first.get(new byte[16]);

    assertThat(first.isReadOnly()).isTrue();
    assertThat(response.body().remaining()).isEqualTo(DOCUMENTS.v2().length());
  }

  private static String body(OpenApiResponse response) {
    ByteBuffer body = response.body();
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
