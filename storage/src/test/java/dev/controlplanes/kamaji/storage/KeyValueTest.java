package dev.controlplanes.kamaji.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyValueTest {

  @Test
  void equalityLooksAtTheBytes() {
    KeyValue a = new KeyValue("/k", "v".getBytes(StandardCharsets.UTF_8), 2, 3);
    KeyValue b = new KeyValue("/k", "v".getBytes(StandardCharsets.UTF_8), 2, 3);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new KeyValue("/k", "w".getBytes(StandardCharsets.UTF_8), 2, 3));
    assertThat(a).isNotEqualTo(new KeyValue("/k", "v".getBytes(StandardCharsets.UTF_8), 2, 4));
    assertThat(a.toString()).contains("value=v");
  }
}
