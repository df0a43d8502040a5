package dev.controlplanes.kamaji.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.apiserver.errors.StatusException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  private static final Map<String, String> DEV = Map.of("env", "dev", "tier", "web");
  private static final Map<String, String> NONE = Map.of();

  private static boolean matches(String selector, Map<String, String> labels) {
    return LabelSelector.parse(selector).test(labels);
  }

  @Test
  void everyOperatorAgainstAnObjectWithoutTheLabel() {
    assertThat(matches("env=dev", NONE)).isFalse();
    assertThat(matches("env==dev", NONE)).isFalse();
    assertThat(matches("env!=dev", NONE)).isTrue();
    assertThat(matches("env in (dev)", NONE)).isFalse();
    assertThat(matches("env notin (dev)", NONE)).isTrue();
    assertThat(matches("env", NONE)).isFalse();
    assertThat(matches("!env", NONE)).isTrue();
    assertThat(matches("env>1", NONE)).isFalse();
  }

  @Test
  void everyOperatorAgainstALabelledObject() {
    assertThat(matches("env=dev", DEV)).isTrue();
    assertThat(matches("env=prod", DEV)).isFalse();
    assertThat(matches("env!=dev", DEV)).isFalse();
    assertThat(matches("env in (prod,dev),tier", DEV)).isTrue();
    assertThat(matches("env notin (prod,dev)", DEV)).isFalse();
    assertThat(matches("!tier", DEV)).isFalse();
  }

  @Test
  void syntaxErrorsAreBadRequests() {
    assertThatThrownBy(() -> LabelSelector.parse("env in dev"))
        .isInstanceOf(StatusException.class)
        .hasMessageStartingWith("unable to parse requirement");
  }
}
