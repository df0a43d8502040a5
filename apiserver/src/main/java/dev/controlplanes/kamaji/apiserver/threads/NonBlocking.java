package dev.controlplanes.kamaji.apiserver.threads;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets a thread that must not block (a Netty event loop serving a request) run code that usually
 * does not but sometimes would: the few places that call out over the network (TokenReview,
 * SubjectAccessReview) call {@link #checkMayBlock()} first, which inside {@link #attempt} throws
 * {@link WouldBlock} instead of letting them block. The caller then hands the work to a thread that
 * may block. Netty guards its own blocking calls the same way (BlockingOperationException).
 */
public final class NonBlocking {

  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private NonBlocking() {}

  /**
   * Runs {@code work} on this thread; empty when it reached a call that would block, which was not
   * made. Other exceptions pass through.
   */
  public static <T> Optional<T> attempt(Supplier<T> work) {
    if (ACTIVE.get()) {
      return Optional.of(work.get());
    }
    ACTIVE.set(true);
    try {
      return Optional.of(work.get());
    } catch (WouldBlock e) {
      return Optional.empty();
    } finally {
      ACTIVE.set(false);
    }
  }

  /** Called right before a blocking call: throws {@link WouldBlock} inside {@link #attempt}. */
  public static void checkMayBlock() {
    if (ACTIVE.get()) {
      throw new WouldBlock();
    }
  }

  /** A blocking call was refused; the work is to be done again where blocking is allowed. */
  public static final class WouldBlock extends RuntimeException {
    private WouldBlock() {
      super("a blocking call was refused on a thread that must not block", null, false, false);
    }
  }
}
