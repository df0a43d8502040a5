package dev.controlplanes.kamaji.konnectivity.server;

/**
 * Checks an agent's bearer token before its stream is accepted. May block (it calls the API
 * server); the server runs it off the transport threads.
 */
@FunctionalInterface
public interface AgentAuthenticator {

  /** Accepts every agent; used when client certificates (or nothing) authenticate agents. */
  AgentAuthenticator NONE = token -> {};

  /**
   * @param authorization the single {@code authorization} header value, or null if absent
   * @throws SecurityException with a message safe to return to the agent (never the token)
   */
  void authenticate(String authorization);
}
