package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A {@link PacketStream.Outlet} over the response side of a server call. Response headers go out
 * with the first packet unless sent explicitly before (the agent endpoint must send them at once; a
 * frontend stream saves a write by not doing so). Called under the PacketStream's lock.
 */
final class CallOutlet implements PacketStream.Outlet {

  private final ServerCall<Packet, Packet> call;
  private boolean headersSent;

  CallOutlet(ServerCall<Packet, Packet> call) {
    this.call = call;
  }

  void sendHeaders(Metadata headers) {
    if (!headersSent) {
      headersSent = true;
      call.sendHeaders(headers);
    }
  }

  @Override
  public boolean isReady() {
    return call.isReady();
  }

  @Override
  public void send(Packet packet) {
    sendHeaders(new Metadata());
    call.sendMessage(packet);
  }

  @Override
  public void close(Status status) {
    call.close(status, new Metadata());
  }
}
