package dev.controlplanes.kamaji.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.codec.Codec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HubEventTest {

  private static CachedObject object(String resourceVersion) {
    return CachedObject.of(
        JsonParser.parseString(
                "{\"apiVersion\":\"kamaji.clastix.io/v1alpha1\",\"kind\":\"TenantControlPlane\","
                    + "\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\",\"resourceVersion\":\""
                    + resourceVersion
                    + "\",\"labels\":{\"tier\":\"gold\"}},\"spec\":{\"note\":\"é \\\"q\\\"\"}}")
            .getAsJsonObject());
  }

  private static String gsonFrame(String type, JsonObject object) {
    JsonObject event = new JsonObject();
    event.addProperty("type", type);
    event.add("object", object);
    return Codec.toJsonString(event) + "\n";
  }

  @Test
  void framesCopyTheEncodedObjectByteForByteAsGsonWouldWriteThePair() {
    CachedObject before = object("5");
    CachedObject after = object("7");
    HubEvent event = new HubEvent(HubEvent.Kind.PUT, after, before, 7);

    assertThat(new String(event.frame("MODIFIED"), StandardCharsets.UTF_8))
        .isEqualTo(gsonFrame("MODIFIED", after.tree()));
    assertThat(event.frame("MODIFIED")).isSameAs(event.frame("MODIFIED"));
  }

  @Test
  void deletedCarriesTheLastStateAtTheDeletionRevisionWithoutTouchingTheSharedState() {
    CachedObject last = object("5");
    HubEvent event = new HubEvent(HubEvent.Kind.DELETE, last, last, 9);

    JsonObject deleted = event.deleted();
    assertThat(deleted.getAsJsonObject("metadata").get("resourceVersion").getAsString())
        .isEqualTo("9");
    assertThat(new String(event.frame("DELETED"), StandardCharsets.UTF_8))
        .isEqualTo(gsonFrame("DELETED", deleted));
    assertThat(last.tree().getAsJsonObject("metadata").get("resourceVersion").getAsString())
        .isEqualTo("5");
  }
}
