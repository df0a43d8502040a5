package dev.controlplanes.kamaji.konnectivity.agent;

import java.util.OptionalInt;

/**
 * How many servers the agent should hold a stream to, combined as the upstream agent combines its
 * two sources: the {@code servercount} header of the last server it newly connected to, and, with
 * {@code --count-server-leases}, the valid server Leases. {@code --server-count-source=max} takes
 * the larger; {@code default} (or empty) takes the Leases when they are counted.
 */
final class ServerCounts {

  private ServerCounts() {}

  static int target(OptionalInt fromLeases, int lastReceivedServerCount, String source) {
    int fromResponses = lastReceivedServerCount == 0 ? 1 : lastReceivedServerCount;
    if (fromLeases.isEmpty()) {
      return fromResponses;
    }
    int count =
        "max".equals(source)
            ? Math.max(fromLeases.getAsInt(), fromResponses)
            : fromLeases.getAsInt();
    return count == 0 ? 1 : count;
  }
}
