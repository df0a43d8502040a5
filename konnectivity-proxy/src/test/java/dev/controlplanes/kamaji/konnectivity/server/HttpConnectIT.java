package dev.controlplanes.kamaji.konnectivity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.konnectivity.testing.Ports;
import dev.controlplanes.kamaji.konnectivity.testing.Processes;
import dev.controlplanes.kamaji.konnectivity.testing.TargetServer;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mode=http-connect} over a Unix socket and over mTLS TCP, with the upstream agent. */
class HttpConnectIT {

  @TempDir static Path dir;
  static Path bin;
  static TestPki pki;
  static TargetServer target;
  static Path socket;
  static ProxyServer udsServer;
  static ProxyServer tcpServer;
  static final List<UpstreamAgent> agents = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    bin = Upstream.konnectivity();
    pki = TestPki.create(dir.resolve("pki"));
    target = new TargetServer();
    socket = dir.resolve("connect.socket");
    udsServer =
        ProxyServer.start(
            options("--uds-name=" + socket, "--server-port=0"), AgentAuthenticator.NONE);
    tcpServer =
        ProxyServer.start(
            options(
                "--server-port=" + Ports.free(),
                "--server-bind-address=127.0.0.1",
                "--server-cert=" + pki.serverCert,
                "--server-key=" + pki.serverKey,
                "--server-ca-cert=" + pki.caCert),
            AgentAuthenticator.NONE);
    for (ProxyServer s : List.of(udsServer, tcpServer)) {
      UpstreamAgent a =
          new UpstreamAgent(
              bin, pki, s.agentPort(), "agent-" + s.agentPort(), dir.resolve("agent.log"));
      agents.add(a.start());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                udsServer.backends().list().size() == 1 && tcpServer.backends().list().size() == 1);
  }

  static ServerOptions options(String... frontend) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--mode=http-connect",
                "--agent-bind-address=127.0.0.1",
                "--agent-port=0",
                "--admin-port=0",
                "--health-port=0",
                "--health-bind-address=127.0.0.1",
                "--cluster-cert=" + pki.serverCert,
                "--cluster-key=" + pki.serverKey));
    args.addAll(List.of(frontend));
    return ServerOptions.parse(args);
  }

  @AfterEach
  void noLeaks() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (ProxyServer s : List.of(udsServer, tcpServer)) {
                assertThat(s.openConnections()).isZero();
                assertThat(s.metrics().httpConnections.get()).isZero();
              }
            });
  }

  @AfterAll
  static void stop() {
    agents.forEach(UpstreamAgent::close);
    for (ProxyServer s : new ProxyServer[] {udsServer, tcpServer}) {
      if (s != null) {
        s.close();
      }
    }
    if (target != null) {
      target.close();
    }
  }

  private int testClient(String name, List<String> proxyArgs, int requests) throws Exception {
    Path log = dir.resolve(name + ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                bin.resolve("proxy-test-client").toString(),
                "--mode=http-connect",
                "--request-host=127.0.0.1",
                "--request-port=" + target.port(),
                "--request-path=success",
                "--test-requests=" + requests,
                "-v=4"));
    cmd.addAll(proxyArgs);
    int rc = Processes.run(cmd, log, 120);
    assertThat(Files.readString(log)).as("client log").contains("success from the target");
    return rc;
  }

  @Test
  void upstreamTestClientOverUnixSocket() throws Exception {
    assertThat(
            testClient(
                "uds", List.of("--proxy-uds=" + socket, "--proxy-host=", "--proxy-port=0"), 100))
        .isZero();
  }

  @Test
  void upstreamTestClientOverMutualTls() throws Exception {
    assertThat(
            testClient(
                "mtls",
                List.of(
                    "--proxy-host=127.0.0.1",
                    "--proxy-port=" + tcpServer.frontendPort(),
                    "--ca-cert=" + pki.caCert,
                    "--client-cert=" + pki.clientCert,
                    "--client-key=" + pki.clientKey),
                20))
        .isZero();
  }

  @Test
  void largeTransferOverUnixSocketArrivesIntact() throws Exception {
    int size = 32 << 20;
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      write(ch, "CONNECT 127.0.0.1:" + target.port() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      String head = readHead(ch);
      assertThat(head).isEqualTo("HTTP/1.1 200 Connection Established\r\n\r\n");
      write(ch, "GET /bytes/" + size + " HTTP/1.0\r\n\r\n");
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      while (ch.read(buf) >= 0) {
        all.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      byte[] response = all.toByteArray();
      String text = new String(response, 0, 200, StandardCharsets.ISO_8859_1);
      int bodyStart = text.indexOf("\r\n\r\n") + 4;
      assertThat(response.length - bodyStart).isEqualTo(size);
      for (int i = 0; i < size; i++) {
        if (response[bodyStart + i] != TargetServer.pattern(i)) {
          throw new AssertionError("byte " + i + " differs");
        }
      }
    }
  }

  @Test
  void otherMethodsGet405AndRefusedDialsGet502() throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      write(ch, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(readHead(ch)).startsWith("HTTP/1.1 405");
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      write(ch, "CONNECT 127.0.0.1:" + Ports.free() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(readHead(ch)).startsWith("HTTP/1.1 502");
    }
  }

  private static void write(SocketChannel ch, String s) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Reads byte by byte up to the blank line, so nothing after the head is consumed. */
  private static String readHead(SocketChannel ch) throws Exception {
    StringBuilder sb = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!sb.toString().endsWith("\r\n\r\n")) {
      one.clear();
      if (ch.read(one) < 0) {
        break;
      }
      sb.append((char) one.get(0));
    }
    return sb.toString();
  }
}
