package dev.controlplanes.kamaji.apiserver.openapi;

import static dev.controlplanes.kamaji.apiserver.openapi.OpenApiFixtures.GV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

  private final OpenApiDocuments documents = OpenApiFixtures.documents();

  @Test
  void buildingTwiceGivesByteIdenticalDocumentsAndHashes() {
    OpenApiDocuments again = OpenApiDocuments.build(OpenApiFixtures.resources());

    assertThat(again.v2().toByteArray()).isEqualTo(documents.v2().toByteArray());
    assertThat(again.v3Index().toByteArray()).isEqualTo(documents.v3Index().toByteArray());
    assertThat(again.v3GroupVersion(GV).orElseThrow().toByteArray())
        .isEqualTo(documents.v3GroupVersion(GV).orElseThrow().toByteArray());
    assertThat(again.v3GroupVersion(GV).orElseThrow().hash())
        .isEqualTo(documents.v3GroupVersion(GV).orElseThrow().hash());
  }

  @Test
  void keyOrderOfTheInputSchemasDoesNotChangeTheDocuments() {
    OpenApiDocuments reordered =
        OpenApiDocuments.build(OpenApiFixtures.resources(OpenApiDocumentsTest::reverseKeys));

    assertThat(reordered.v2().hash()).isEqualTo(documents.v2().hash());
    assertThat(reordered.v3GroupVersion(GV).orElseThrow().hash())
        .isEqualTo(documents.v3GroupVersion(GV).orElseThrow().hash());
  }

  @Test
  void hashIsTheUpperCaseHexSha512OfTheBytesAndTheEtagQuotesIt() throws Exception {
    OpenApiDocument document = documents.v3GroupVersion(GV).orElseThrow();
    byte[] digest = MessageDigest.getInstance("SHA-512").digest(document.toByteArray());

    assertThat(document.hash()).isEqualTo(HexFormat.of().withUpperCase().formatHex(digest));
    assertThat(document.hash()).matches("[0-9A-F]{128}");
    assertThat(document.etag()).isEqualTo('"' + document.hash() + '"');
    assertThat(documents.v2().hash()).isEqualTo(OpenApiFixtures.sha512(documents.v2()));
  }

  @Test
  void indexListsExactlyOurGroupVersionWithTheHashedUrl() {
    String hash = documents.v3GroupVersion(GV).orElseThrow().hash();

    assertThat(OpenApiFixtures.text(documents.v3Index()))
        .isEqualTo(
            "{\"paths\":{\"apis/kamaji.clastix.io/v1alpha1\":{\"serverRelativeURL\":"
                + "\"/openapi/v3/apis/kamaji.clastix.io/v1alpha1?hash="
                + hash
                + "\"}}}");
    assertThat(documents.groupVersions()).containsExactly(GV);
  }

  @Test
  void unknownGroupVersionHasNoDocument() {
    assertThat(documents.v3GroupVersion(new GroupVersion("apps", "v1"))).isEmpty();
    assertThat(documents.v3GroupVersion(new GroupVersion("kamaji.clastix.io", "v1"))).isEmpty();
  }

  @Test
  void documentsAreCompactJsonWithSortedKeys() {
    String v3 = OpenApiFixtures.text(documents.v3GroupVersion(GV).orElseThrow());

    assertThat(v3).startsWith("{\"components\":{\"schemas\":{").doesNotContain("\n");
    assertThat(v3.indexOf("\"info\":")).isLessThan(v3.indexOf("\"openapi\":\"3.0.0\""));
    assertThat(OpenApiFixtures.text(documents.v2())).startsWith("{\"definitions\":{");
  }

  @Test
  void contentViewsAreReadOnlyAndIndependent() {
    OpenApiDocument document = documents.v2();

    assertThat(document.content().isReadOnly()).isTrue();
    document.content().get(new byte[10]);
    assertThat(document.content().remaining()).isEqualTo(document.length());
  }

  @Test
  void refusesTheSameResourceTwice() {
    List<OpenApiResource> twice = new ArrayList<>(OpenApiFixtures.resources());
    twice.add(twice.get(0));

    assertThatThrownBy(() -> OpenApiDocuments.build(twice))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNoResources() {
    assertThatThrownBy(() -> OpenApiDocuments.build(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject reverseKeys(JsonObject object) {
    List<Map.Entry<String, JsonElement>> entries = new ArrayList<>(object.entrySet());
    Collections.reverse(entries);
    JsonObject out = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : entries) {
      JsonElement value = entry.getValue();
      out.add(entry.getKey(), value.isJsonObject() ? reverseKeys(value.getAsJsonObject()) : value);
    }
    return out;
  }
}
