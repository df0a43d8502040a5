package dev.controlplanes.kamaji.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDigestTest {

  @Test
  void sameSequenceSameDigestAndBoundariesCount() {
    assertThat(ContentDigest.sha256().text("ab").text("c").hex())
        .isEqualTo(ContentDigest.sha256().text("ab").text("c").hex())
        .isNotEqualTo(ContentDigest.sha256().text("a").text("bc").hex())
        .hasSize(64);
  }

  @Test
  void nullAndEmptyDiffer() {
    assertThat(ContentDigest.sha256().bytes(null).hex())
        .isNotEqualTo(ContentDigest.sha256().bytes(new byte[0]).hex());
    assertThat(ContentDigest.sha256().text(null).hex())
        .isEqualTo(ContentDigest.sha256().bytes(null).hex());
  }
}
