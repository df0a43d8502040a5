package dev.controlplanes.kamaji.storage.testing;

/** Closing what a test class opened. */
public final class Closeables {

  private Closeables() {}

  /** Closes each of {@code closeables} that is not null, even after one of them failed. */
  public static void closeAll(AutoCloseable... closeables) {
    for (AutoCloseable closeable : closeables) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // The rest are closed all the same; the test's result is already decided.
      }
    }
  }
}
