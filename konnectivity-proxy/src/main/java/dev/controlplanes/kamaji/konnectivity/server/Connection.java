package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;

/**
 * A frontend's end of one tunnelled connection, as seen by the agent stream ({@link Backend}) that
 * carries it. Implemented by the gRPC frontend and the HTTP CONNECT frontend.
 */
public interface Connection {

  /** The agent answered the dial (success or error). */
  void onDialResponse(Packet packet);

  /**
   * Data from the agent for this connection.
   *
   * @return the bytes now buffered towards the frontend, for backpressure
   */
  long onData(Packet packet);

  /** The agent closed the connection (answer to CLOSE_REQ, or remote EOF). */
  void onCloseResponse(Packet packet);

  /** The agent cancelled a pending dial. */
  void onDialClose(Packet packet);

  /** The agent stream ended; fail a pending dial or close the connection now. */
  void onBackendGone();

  /** The frontend did not read for too long; the connection is closed with an error. */
  void onEvicted(String reason);
}
