package dev.controlplanes.kamaji.apiserver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecDuplicateFieldsTest {

  private static List<String> duplicates(String json) {
    return Codec.duplicateFields(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reportsEachDuplicatedKeyOnceWithItsPath() {
    assertThat(
            duplicates(
                "{\"kind\":\"A\",\"kind\":\"B\",\"kind\":\"C\","
                    + "\"metadata\":{\"name\":\"a\",\"labels\":{},\"name\":\"b\"},"
                    + "\"spec\":{\"items\":[{\"x\":1},{\"x\":1,\"x\":2}]}}"))
        .containsExactly("kind", "metadata.name", "spec.items[1].x");
  }

  @Test
  void sameKeyInDifferentObjectsIsNoDuplicate() {
    assertThat(duplicates("{\"a\":{\"name\":1},\"b\":{\"name\":2},\"name\":3}")).isEmpty();
  }

  @Test
  void unparseableDocumentsReportNothing() {
    assertThat(duplicates("{\"a\":1,\"a\":")).isEmpty();
    assertThat(duplicates("[1,2]")).isEmpty();
  }
}
