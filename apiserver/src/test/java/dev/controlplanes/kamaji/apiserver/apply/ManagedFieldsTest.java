package dev.controlplanes.kamaji.apiserver.apply;

import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.json;
import static dev.controlplanes.kamaji.apiserver.apply.Fixtures.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

  private static final String ENTRIES =
      """
      [{"manager":"kamaji","operation":"Update","apiVersion":"kamaji.clastix.io/v1alpha1",
        "time":"2026-07-01T11:00:00Z","fieldsType":"FieldsV1",
        "fieldsV1":{"f:status":{".":{},"f:ready":{}}},"subresource":"status"},
       {"manager":"kubectl","operation":"Apply","apiVersion":"kamaji.clastix.io/v1alpha1",
        "time":"2026-07-01T10:00:00Z","fieldsType":"FieldsV1",
        "fieldsV1":{"f:spec":{"f:replicas":{}}}},
       {"manager":"kubectl-edit","operation":"Update","apiVersion":"kamaji.clastix.io/v1alpha1",
        "time":"2026-07-01T10:00:00Z","fieldsType":"FieldsV1",
        "fieldsV1":{"f:metadata":{"f:labels":{"f:a":{}}}}}]
      """;

  @Test
  void roundTripInKubesOrder() {
    List<ManagedFieldsEntry> entries = ManagedFields.decode(json(ENTRIES));

    assertThat(entries.get(0))
        .isEqualTo(
            new ManagedFieldsEntry(
                "kamaji",
                ManagedFieldsEntry.Operation.UPDATE,
                "kamaji.clastix.io/v1alpha1",
                Instant.parse("2026-07-01T11:00:00Z"),
                FieldSet.of(FieldPath.of("status"), FieldPath.of("status", "ready")),
                "status"));
    JsonArray encoded = ManagedFields.encode(entries);
    // Apply before Update, then older first, then by manager.
    assertThat(encoded)
        .extracting(e -> e.getAsJsonObject().get("manager").getAsString())
        .containsExactly("kubectl", "kubectl-edit", "kamaji");
    assertThat(ManagedFields.decode(encoded)).containsExactlyInAnyOrderElementsOf(entries);
    assertThat(encoded.get(0).toString())
        .isEqualTo(
            "{\"manager\":\"kubectl\",\"operation\":\"Apply\",\"apiVersion\":\"kamaji.clastix.io/v1alpha1\","
                + "\"time\":\"2026-07-01T10:00:00Z\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:spec\":{\"f:replicas\":{}}}}");
  }

  @Test
  void readAndWriteOnObjects() {
    JsonObject object = obj("{\"metadata\":{\"name\":\"t1\",\"managedFields\":" + ENTRIES + "}}");
    List<ManagedFieldsEntry> entries = ManagedFields.read(object);

    JsonObject rewritten = ManagedFields.write(object, entries.subList(0, 1));
    JsonObject cleared = ManagedFields.write(object, List.of());

    assertThat(ManagedFields.read(rewritten)).containsExactly(entries.get(0));
    assertThat(cleared).isEqualTo(obj("{\"metadata\":{\"name\":\"t1\"}}"));
    assertThat(ManagedFields.read(object)).hasSize(3);
    assertThat(ManagedFields.read(obj("{}"))).isEmpty();
  }

  @Test
  void timeIsRfc3339AtSecondPrecision() {
    assertThat(ManagedFields.formatTime(Instant.parse("2026-07-01T10:00:00.987654Z")))
        .isEqualTo("2026-07-01T10:00:00Z");
    ManagedFieldsEntry e =
        ManagedFields.decode(
                json(
                    "[{\"manager\":\"m\",\"operation\":\"Update\",\"apiVersion\":\"v1\","
                        + "\"time\":\"2026-07-01T12:00:00.5+02:00\",\"fieldsType\":\"FieldsV1\"}]"))
            .get(0);
    assertThat(e.time()).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    assertThat(e.fields().isEmpty()).isTrue();
  }

  @Test
  void timesInEveryRfc3339ShapeAreReadAndImpossibleOnesRejected() {
    assertThat(timeOf("2026-07-01T10:00:05Z")).isEqualTo(Instant.parse("2026-07-01T10:00:05Z"));
    assertThat(timeOf("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    assertThat(timeOf("2026-07-01T10:00:05.25Z")).isEqualTo(Instant.parse("2026-07-01T10:00:05Z"));
    assertThat(timeOf("2026-07-01T10:00:05-01:00"))
        .isEqualTo(Instant.parse("2026-07-01T11:00:05Z"));
    for (String bad :
        List.of("2026-02-30T10:00:00Z", "2026-07-01T24:00:00Z", "2026-0x-01T10:00:00Z", "")) {
      assertThatThrownBy(() -> timeOf(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid managedFields time");
    }
  }

  private static Instant timeOf(String time) {
    return ManagedFields.decode(
            json(
                "[{\"manager\":\"m\",\"operation\":\"Update\",\"apiVersion\":\"v1\","
                    + "\"time\":\""
                    + time
                    + "\",\"fieldsType\":\"FieldsV1\"}]"))
        .get(0)
        .time();
  }

  @Test
  void identifiersFollowKube() {
    ManagedFieldsEntry update =
        ManagedFieldsEntry.update("kamaji", "kamaji.clastix.io/v1alpha1", "status");
    ManagedFieldsEntry apply =
        ManagedFieldsEntry.apply("kubectl", "kamaji.clastix.io/v1alpha1", "");

    assertThat(update.identifier())
        .isEqualTo(
            "{\"manager\":\"kamaji\",\"operation\":\"Update\",\"apiVersion\":\"kamaji.clastix.io/v1alpha1\","
                + "\"subresource\":\"status\"}");
    assertThat(apply.identifier()).isEqualTo("{\"manager\":\"kubectl\",\"operation\":\"Apply\"}");
    assertThat(update.describe())
        .isEqualTo("\"kamaji\" with subresource \"status\" using kamaji.clastix.io/v1alpha1");
    assertThat(apply.describe()).isEqualTo("\"kubectl\"");
    assertThat(ManagedFieldsEntry.update("", "v1", "").manager()).isEqualTo("unknown");
  }

  @Test
  void invalidEntriesAreRejectedWithKubesMessages() {
    assertThatThrownBy(
            () ->
                ManagedFields.decode(
                    json(
                        "[{\"operation\":\"Patch\",\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\"}]")))
        .hasMessage("operation must be `Apply` or `Update`");
    assertThatThrownBy(
            () ->
                ManagedFields.decode(
                    json("[{\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\"}]")))
        .hasMessage("apiVersion must not be empty");
    assertThatThrownBy(
            () -> ManagedFields.decode(json("[{\"operation\":\"Update\",\"apiVersion\":\"v1\"}]")))
        .hasMessage("missing fieldsType in managed fields entry 0");
    assertThatThrownBy(
            () ->
                ManagedFields.decode(
                    json(
                        "[{\"operation\":\"Update\",\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV2\"}]")))
        .hasMessage("invalid fieldsType \"FieldsV2\" in managed fields entry 0");
    assertThatThrownBy(
            () ->
                ManagedFields.decode(
                    json(
                        "[{\"operation\":\"Update\",\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:a\":[]}}]")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetRequests() {
    assertThat(ManagedFields.isReset(json("[]"))).isTrue();
    assertThat(ManagedFields.isReset(json("[{}]"))).isTrue();
    assertThat(ManagedFields.isReset(json("[{\"manager\":\"\"}]"))).isTrue();
    assertThat(ManagedFields.isReset(json("[{\"manager\":\"x\"}]"))).isFalse();
    assertThat(ManagedFields.isReset(null)).isFalse();
    assertThat(ManagedFields.isReset(json("null"))).isFalse();
  }
}
