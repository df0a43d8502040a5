package dev.controlplanes.kamaji.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonEqualityTest {

  private static JsonObject obj(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Test
  void ignoredTopLevelFieldsDoNotCountInEitherDirection() {
    JsonObject a = obj("{\"spec\":{\"x\":1},\"metadata\":{\"name\":\"a\"},\"status\":{}}");
    JsonObject b = obj("{\"spec\":{\"x\":1},\"metadata\":{\"name\":\"b\"}}");
    JsonObject c = obj("{\"spec\":{\"x\":2},\"metadata\":{\"name\":\"a\"}}");
    JsonObject d = obj("{\"spec\":{\"x\":1},\"extra\":true}");

    assertThat(JsonEquality.sameExcept(a, b, Set.of("metadata", "status"))).isTrue();
    assertThat(JsonEquality.sameExcept(a, c, Set.of("metadata", "status"))).isFalse();
    assertThat(JsonEquality.sameExcept(a, d, Set.of("metadata", "status"))).isFalse();
    assertThat(JsonEquality.sameExcept(d, a, Set.of("metadata", "status"))).isFalse();
  }

  @Test
  void managedFieldsCompareAsUnorderedEntriesWithoutTimes() {
    JsonObject stored =
        obj(
            "{\"metadata\":{\"name\":\"t\",\"managedFields\":["
                + "{\"manager\":\"a\",\"time\":\"2026-01-01T00:00:00Z\",\"fieldsV1\":{\"f:x\":{}}},"
                + "{\"manager\":\"b\",\"time\":\"2026-01-01T00:00:00Z\"}]},\"spec\":{}}");
    JsonObject retimedAndReordered =
        obj(
            "{\"spec\":{},\"metadata\":{\"managedFields\":["
                + "{\"manager\":\"b\",\"time\":\"2026-02-02T00:00:00Z\"},"
                + "{\"manager\":\"a\",\"time\":\"2026-02-02T00:00:00Z\",\"fieldsV1\":{\"f:x\":{}}}"
                + "],\"name\":\"t\"}}");
    JsonObject otherFields =
        obj(
            "{\"metadata\":{\"name\":\"t\",\"managedFields\":["
                + "{\"manager\":\"a\",\"fieldsV1\":{\"f:y\":{}}},{\"manager\":\"b\"}]},\"spec\":{}}");
    JsonObject duplicated =
        obj(
            "{\"metadata\":{\"name\":\"t\",\"managedFields\":["
                + "{\"manager\":\"b\"},{\"manager\":\"b\"}]},\"spec\":{}}");
    JsonObject withoutManagers = obj("{\"metadata\":{\"name\":\"t\"},\"spec\":{}}");
    JsonObject otherLabel =
        obj(
            "{\"metadata\":{\"name\":\"t\",\"labels\":{\"a\":\"b\"},\"managedFields\":["
                + "{\"manager\":\"a\",\"fieldsV1\":{\"f:x\":{}}},{\"manager\":\"b\"}]},\"spec\":{}}");

    assertThat(JsonEquality.sameIgnoringManagerTimes(stored, retimedAndReordered)).isTrue();
    assertThat(JsonEquality.sameIgnoringManagerTimes(stored, otherFields)).isFalse();
    assertThat(JsonEquality.sameIgnoringManagerTimes(stored, duplicated)).isFalse();
    assertThat(JsonEquality.sameIgnoringManagerTimes(stored, withoutManagers)).isFalse();
    assertThat(JsonEquality.sameIgnoringManagerTimes(stored, otherLabel)).isFalse();
    assertThat(JsonEquality.sameIgnoringManagerTimes(withoutManagers, withoutManagers.deepCopy()))
        .isTrue();
  }
}
