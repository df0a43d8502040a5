package dev.controlplanes.kamaji.konnectivity.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The benchmark's endpoint behind the agents: a client sends an 8-byte count N; N &gt; 0 gets N
 * bytes and a close, N = 0 keeps the connection open and idle until the client closes it.
 */
final class BulkTarget implements AutoCloseable {

  private final ServerSocket server;

  BulkTarget() throws IOException {
    server = new ServerSocket(0, 2048, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "bulk-target-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "bulk-target");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket s) {
    try (s) {
      long n = new DataInputStream(s.getInputStream()).readLong();
      if (n == 0) {
        s.getInputStream().read();
        return;
      }
      byte[] buf = new byte[256 * 1024];
      OutputStream out = s.getOutputStream();
      for (long sent = 0; sent < n; ) {
        int len = (int) Math.min(buf.length, n - sent);
        out.write(buf, 0, len);
        sent += len;
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
