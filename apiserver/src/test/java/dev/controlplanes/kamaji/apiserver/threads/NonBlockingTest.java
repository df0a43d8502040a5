package dev.controlplanes.kamaji.apiserver.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NonBlockingTest {

  @Test
  void workThatNeedsNoBlockingCallRuns() {
    assertThat(NonBlocking.attempt(() -> "done")).contains("done");
  }

  @Test
  void aBlockingCallIsRefusedInsideAnAttemptAndAllowedOutside() {
    assertThat(NonBlocking.attempt(NonBlockingTest::blockingCall)).isEmpty();
    assertThat(blockingCall()).isEqualTo("called");
  }

  @Test
  void aNestedAttemptLeavesTheRefusalToTheOutermost() {
    assertThat(NonBlocking.attempt(() -> NonBlocking.attempt(NonBlockingTest::blockingCall)))
        .isEmpty();
    assertThat(blockingCall()).isEqualTo("called");
  }

  @Test
  void otherFailuresPassThroughAndEndTheAttempt() {
    assertThatThrownBy(
            () ->
                NonBlocking.attempt(
                    () -> {
                      throw new IllegalArgumentException("bad");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(blockingCall()).isEqualTo("called");
  }

  private static String blockingCall() {
    NonBlocking.checkMayBlock();
    return "called";
  }
}
