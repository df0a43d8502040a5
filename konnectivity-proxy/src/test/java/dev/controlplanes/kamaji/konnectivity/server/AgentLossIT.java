package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.proto.AgentServiceGrpc;
import dev.controlplanes.kamaji.konnectivity.proto.Packet;
import dev.controlplanes.kamaji.konnectivity.proto.PacketType;
import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.ServerArgs;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.wire.Headers;
import dev.controlplanes.kamaji.konnectivity.wire.Packets;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server behaviour that needs an agent under the test's control: an agent stream (plain grpc-java
 * client speaking the agent protocol) that receives a DIAL_REQ and dies before answering; the
 * frontend must get its DIAL_RSP error at once (upstream makes it wait for its 30 s backstop), and
 * a DRAINing agent is skipped while another is available.
 */
class AgentLossIT {

  @TempDir Path dir;

  /** A hand-driven agent stream. */
  private static final class ScriptedAgent implements AutoCloseable {
    final ManagedChannel channel;
    final ClientCall<Packet, Packet> call;
    final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Metadata> headers = new CompletableFuture<>();

    ScriptedAgent(TestPki pki, int port, String id) throws Exception {
      channel =
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .sslContext(GrpcSslContexts.forClient().trustManager(pki.caCert.toFile()).build())
              .build();
      call = channel.newCall(AgentServiceGrpc.getConnectMethod(), CallOptions.DEFAULT);
      Metadata md = new Metadata();
      md.put(Headers.AGENT_ID, id);
      call.start(
          new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata h) {
              headers.complete(h);
            }

            @Override
            public void onMessage(Packet p) {
              received.add(p);
              call.request(1);
            }

            @Override
            public void onClose(Status s, Metadata t) {
              headers.completeExceptionally(s.asRuntimeException());
            }
          },
          md);
      call.request(1);
    }

    @Override
    public void close() throws InterruptedException {
      call.cancel("agent dies", null);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private ProxyServer start(TestPki pki, Path socket) throws Exception {
    return ProxyServer.start(
        ServerOptions.parse(ServerArgs.loopback(pki, socket, "--server-id=s1", "--server-count=3")),
        AgentAuthenticator.NONE);
  }

  @Test
  void pendingDialFailsAtOnceWhenItsAgentDies() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    Path socket = dir.resolve("s.sock");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (ProxyServer server = start(pki, socket);
        FrontendClient client = new FrontendClient(socket)) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.URI readyz =
          java.net.URI.create("http://127.0.0.1:" + server.healthPort() + "/readyz");
      assertThat(
              http.send(
                      java.net.http.HttpRequest.newBuilder(readyz).build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as("not ready without agents")
          .isEqualTo(500);
      assertThatThrownBy(() -> client.dial("127.0.0.1:1", Duration.ofSeconds(10)))
          .hasMessageContaining("No agent available");
      ScriptedAgent agent = new ScriptedAgent(pki, server.agentPort(), "silent");
      Metadata h = agent.headers.get(10, TimeUnit.SECONDS);
      assertThat(h.get(Headers.SERVER_ID)).isEqualTo("s1");
      assertThat(h.get(Headers.SERVER_COUNT)).isEqualTo("3");
      await().atMost(Duration.ofSeconds(10)).until(() -> server.backends().list().size() == 1);

      Future<?> dial = pool.submit(() -> client.dial("127.0.0.1:1", Duration.ofSeconds(30)));
      Packet req = agent.received.poll(10, TimeUnit.SECONDS);
      assertThat(req.getType()).isEqualTo(PacketType.DIAL_REQ);
      assertThat(server.metrics().pendingBackendDials.get()).isEqualTo(1);
      long killed = System.nanoTime();
      agent.close();
      assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS))
          .hasMessageContaining("agent disconnected");
      assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
      assertThat(server.metrics().pendingBackendDials.get()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void drainingAgentIsAvoidedAndLateDialResponsesAreClosed() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    Path socket = dir.resolve("s.sock");
    try (ProxyServer server = start(pki, socket);
        ScriptedAgent draining = new ScriptedAgent(pki, server.agentPort(), "draining");
        ScriptedAgent active = new ScriptedAgent(pki, server.agentPort(), "active")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> server.backends().list().size() == 2);
      draining.call.sendMessage(Packets.drain());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> server.backends().list().stream().anyMatch(Backend::isDraining));
      for (int i = 0; i < 20; i++) {
        assertThat(server.backends().pick("127.0.0.1:80").agentId()).isEqualTo("active");
      }
      // A DIAL_RSP for a dial nobody waits for: the server closes the orphan at the agent.
      active.call.sendMessage(Packets.dialResponse(12345, 7, ""));
      Packet close = active.received.poll(5, TimeUnit.SECONDS);
      assertThat(close.getType()).isEqualTo(PacketType.CLOSE_REQ);
      assertThat(close.getCloseRequest().getConnectID()).isEqualTo(7);
    }
  }
}
