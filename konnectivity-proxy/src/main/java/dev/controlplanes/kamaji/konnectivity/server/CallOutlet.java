package dev.controlplanes.kamaji.konnectivity.server;

import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.wire.PacketStream;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/** A {@link PacketStream.Outlet} over the response side of a server call. */
record CallOutlet(ServerCall<Packet, Packet> call) implements PacketStream.Outlet {

  @Override
  public boolean isReady() {
    return call.isReady();
  }

  @Override
  public void send(Packet packet) {
    call.sendMessage(packet);
  }

  @Override
  public void close(Status status) {
    call.close(status, new Metadata());
  }
}
