package dev.controlplanes.kamaji.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatchTest {

  private static final Map<String, String> NO_LABELS = Map.of();
  private static final Map<String, String> ENV_DEV = Map.of("env", "dev");

  @Test
  void equalityNeedsTheLabel() {
    assertThat(LabelSelector.parse("env=dev").test(ENV_DEV)).isTrue();
    assertThat(LabelSelector.parse("env==dev").test(ENV_DEV)).isTrue();
    assertThat(LabelSelector.parse("env=prod").test(ENV_DEV)).isFalse();
    assertThat(LabelSelector.parse("env=dev").test(NO_LABELS)).isFalse();
    assertThat(LabelSelector.parse("other=dev").test(ENV_DEV)).isFalse();
  }

  @Test
  void everyOtherOperatorCopesWithAMissingLabel() {
    assertThat(LabelSelector.parse("env!=dev").test(NO_LABELS)).isTrue();
    assertThat(LabelSelector.parse("env in (dev,prod)").test(NO_LABELS)).isFalse();
    assertThat(LabelSelector.parse("env notin (dev)").test(NO_LABELS)).isTrue();
    assertThat(LabelSelector.parse("env").test(NO_LABELS)).isFalse();
    assertThat(LabelSelector.parse("!env").test(NO_LABELS)).isTrue();
    assertThat(LabelSelector.parse("n>1").test(NO_LABELS)).isFalse();
  }
}
