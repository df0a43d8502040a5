package dev.controlplanes.kamaji.apiserver.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.api.Schemas;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import dev.controlplanes.kamaji.apiserver.http.ApiResponse;
import dev.controlplanes.kamaji.apiserver.negotiation.Output;
import dev.controlplanes.kamaji.apiserver.registry.ListPage;
import dev.controlplanes.kamaji.apiserver.registry.ResourceType;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreResource;
import dev.controlplanes.kamaji.apiserver.registry.datastore.DataStoreStrategy;
import dev.controlplanes.kamaji.apiserver.testing.TestRequests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A list served from the watch cache is the cache's own arrays, and the same bytes as a tree. */
class EncodedListTest {

  private static final ResourceType TYPE =
      DataStoreResource.create(Schemas.dataStore(), new DataStoreStrategy());
  private static final String PATH = "/apis/kamaji.clastix.io/v1alpha1/datastores";

  @Test
  void cachedItemsAreWrittenAsTheyAreAndGiveTheSameBytesAsTheTree() {
    List<byte[]> cached = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cached.add(
          ("{\"apiVersion\":\"kamaji.clastix.io/v1alpha1\",\"kind\":\"DataStore\",\"metadata\":"
                  + "{\"name\":\"ds-"
                  + i
                  + "\",\"resourceVersion\":\""
                  + (10 + i)
                  + "\"},\"spec\":{\"driver\":\"etcd\",\"endpoints\":[\"e:2379\"]}}")
              .getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse.Full fromCache = list(ListPage.encoded(cached, 42));
    ApiResponse.Full fromTrees = list(new ListPage(trees(cached), 42, null, null));

    assertThat(fromCache.body()).hasSize(2 * cached.size() + 1);
    for (int i = 0; i < cached.size(); i++) {
      assertThat(fromCache.body().get(1 + 2 * i)).isSameAs(cached.get(i));
    }
    assertThat(joined(fromCache)).isEqualTo(joined(fromTrees));
    assertThat(fromCache.length()).isEqualTo(joined(fromTrees).length);
    assertThat(fromCache.headers()).isEqualTo(fromTrees.headers());
    assertThat(Codec.parseJson(joined(fromCache)).getAsJsonObject().getAsJsonArray("items"))
        .hasSize(3);
  }

  @Test
  void anEmptyCachedListIsAnEmptyItemsArray() {
    ApiResponse.Full fromCache = list(ListPage.encoded(List.of(), 7));

    assertThat(new String(joined(fromCache), StandardCharsets.UTF_8))
        .isEqualTo(
            new String(
                joined(list(new ListPage(List.of(), 7, null, null))), StandardCharsets.UTF_8))
        .endsWith("\"items\":[]}");
  }

  private static ApiResponse.Full list(ListPage page) {
    return (ApiResponse.Full) Responses.list(TestRequests.get(PATH), TYPE, page, Output.JSON, null);
  }

  private static List<JsonObject> trees(List<byte[]> cached) {
    List<JsonObject> trees = new ArrayList<>();
    cached.forEach(json -> trees.add(Codec.parseJson(json).getAsJsonObject()));
    return trees;
  }

  private static byte[] joined(ApiResponse.Full response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    response.body().forEach(part -> out.write(part, 0, part.length));
    return out.toByteArray();
  }
}
