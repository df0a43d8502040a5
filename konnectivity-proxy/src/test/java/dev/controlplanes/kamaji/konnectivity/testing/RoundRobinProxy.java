package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback TCP load balancer: each new connection goes to the next backend port in turn. */
public final class RoundRobinProxy implements AutoCloseable {

  private final ServerSocket server;
  private final List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();

  public RoundRobinProxy(List<Integer> backendPorts) throws IOException {
    this.backends = List.copyOf(backendPorts);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::acceptLoop, "lb-accept");
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        int port = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
        daemon(() -> pipe(client, upstream), "lb-up");
        daemon(() -> pipe(upstream, client), "lb-down");
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
