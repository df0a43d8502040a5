package dev.controlplanes.kamaji.konnectivity.wire;

import com.google.protobuf.ByteString;
import dev.controlplanes.kamaji.konnectivity.proto.CloseDial;
import dev.controlplanes.kamaji.konnectivity.proto.CloseRequest;
import dev.controlplanes.kamaji.konnectivity.proto.CloseResponse;
import dev.controlplanes.kamaji.konnectivity.proto.Data;
import dev.controlplanes.kamaji.konnectivity.proto.DialRequest;
import dev.controlplanes.kamaji.konnectivity.proto.DialResponse;
import dev.controlplanes.kamaji.konnectivity.proto.Drain;
import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.proto.PacketType;

/**
 * Packet factories. Upstream Go peers switch on {@code type} and dereference the matching payload
 * without a nil check, so every packet built here sets both consistently.
 */
public final class Packets {

  private Packets() {}

  public static Packet dialRequest(String address, long random) {
    return Packet.newBuilder()
        .setType(PacketType.DIAL_REQ)
        .setDialRequest(
            DialRequest.newBuilder().setProtocol("tcp").setAddress(address).setRandom(random))
        .build();
  }

  public static Packet dialResponse(long random, long connectId, String error) {
    return Packet.newBuilder()
        .setType(PacketType.DIAL_RSP)
        .setDialResponse(
            DialResponse.newBuilder().setRandom(random).setConnectID(connectId).setError(error))
        .build();
  }

  public static Packet dialFailed(long random, String error) {
    return dialResponse(random, 0, error);
  }

  public static Packet closeRequest(long connectId) {
    return Packet.newBuilder()
        .setType(PacketType.CLOSE_REQ)
        .setCloseRequest(CloseRequest.newBuilder().setConnectID(connectId))
        .build();
  }

  public static Packet closeResponse(long connectId, String error) {
    return Packet.newBuilder()
        .setType(PacketType.CLOSE_RSP)
        .setCloseResponse(CloseResponse.newBuilder().setConnectID(connectId).setError(error))
        .build();
  }

  public static Packet closeDial(long random) {
    return Packet.newBuilder()
        .setType(PacketType.DIAL_CLS)
        .setCloseDial(CloseDial.newBuilder().setRandom(random))
        .build();
  }

  /** A DATA packet; callers must never pass an empty payload (a Go client reads it as EOF). */
  public static Packet data(long connectId, ByteString bytes) {
    if (bytes.isEmpty()) {
      throw new IllegalArgumentException("empty DATA is read as EOF by konnectivity clients");
    }
    return Packet.newBuilder()
        .setType(PacketType.DATA)
        .setData(Data.newBuilder().setConnectID(connectId).setData(bytes))
        .build();
  }

  public static Packet drain() {
    return Packet.newBuilder()
        .setType(PacketType.DRAIN)
        .setDrain(Drain.getDefaultInstance())
        .build();
  }

  /** Payload bytes counted against buffers (the protobuf framing is small and ignored). */
  public static int weight(Packet packet) {
    return packet.getType() == PacketType.DATA ? packet.getData().getData().size() : 0;
  }
}
