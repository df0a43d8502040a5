package dev.controlplanes.kamaji.konnectivity.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.controlplanes.kamaji.konnectivity.proto.AgentServiceGrpc;
import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.proto.PacketType;
import dev.controlplanes.kamaji.konnectivity.proto.ProxyServiceGrpc;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PacketsTest {

  private static String hex(Packet p) {
    return HexFormat.of().formatHex(p.toByteArray());
  }

  @Test
  void grpcPathsHaveNoPackage() {
    assertThat(ProxyServiceGrpc.getProxyMethod().getFullMethodName())
        .isEqualTo("ProxyService/Proxy");
    assertThat(AgentServiceGrpc.getConnectMethod().getFullMethodName())
        .isEqualTo("AgentService/Connect");
  }

  @Test
  void dialRequestOmitsTheZeroTypeOnTheWire() {
    // Field 2 (dialRequest): protocol "tcp", address "127.0.0.1:80", random 1; type 0 is absent.
    assertThat(hex(Packets.dialRequest("127.0.0.1:80", 1)))
        .isEqualTo("1215" + "0a03746370" + "120c3132372e302e302e313a3830" + "1801");
  }

  @Test
  void dataPacketBytes() {
    assertThat(hex(Packets.data(7, ByteString.copyFromUtf8("hi"))))
        .isEqualTo("0804220608071a026869");
  }

  @Test
  void packetWithoutTypeDecodesAsDialRequest() throws Exception {
    Packet p = Packet.parseFrom(HexFormat.of().parseHex("1205" + "0a03746370"));
    assertThat(p.getType()).isEqualTo(PacketType.DIAL_REQ);
    assertThat(p.getDialRequest().getProtocol()).isEqualTo("tcp");
  }

  @Test
  void unknownFuturePacketTypeIsKeptAsUnrecognized() throws Exception {
    Packet p = Packet.parseFrom(HexFormat.of().parseHex("0863"));
    assertThat(p.getType()).isEqualTo(PacketType.UNRECOGNIZED);
  }

  @Test
  void typeAndPayloadAgree() {
    assertThat(Packets.closeResponse(3, "").getPayloadCase())
        .isEqualTo(Packet.PayloadCase.CLOSERESPONSE);
    assertThat(Packets.closeDial(Long.MAX_VALUE).getCloseDial().getRandom())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Packets.drain().getPayloadCase()).isEqualTo(Packet.PayloadCase.DRAIN);
  }

  @Test
  void emptyDataIsRefusedBecauseClientsReadItAsEof() {
    assertThatThrownBy(() -> Packets.data(1, ByteString.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
