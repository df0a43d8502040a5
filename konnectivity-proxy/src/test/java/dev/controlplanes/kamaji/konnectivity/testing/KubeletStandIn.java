package dev.controlplanes.kamaji.konnectivity.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS endpoint on 127.0.0.1 standing in for a kubelet: every path answers "kubelet stand-in:
 * <path>", and logs of a pod named {@code bytes-N} are N bytes of {@link #textPattern(long)}.
 */
public final class KubeletStandIn implements AutoCloseable {

  private final HttpsServer https;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public KubeletStandIn(TestPki pki) throws Exception {
    Path p12 = pki.dir.resolve("kubelet.p12");
    Process p =
        new ProcessBuilder(
                List.of(
                    "openssl",
                    "pkcs12",
                    "-export",
                    "-in",
                    pki.serverCert.toString(),
                    "-inkey",
                    pki.serverKey.toString(),
                    "-out",
                    p12.toString(),
                    "-passout",
                    "pass:changeit"))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl pkcs12 failed");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(p12.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    https.setHttpsConfigurator(new HttpsConfigurator(ssl));
    https.setExecutor(executor);
    https.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          int bytesAt = path.indexOf("/bytes-");
          if (bytesAt >= 0) {
            // A pod named "bytes-N" logs N bytes of printable pattern.
            String tail = path.substring(bytesAt + "/bytes-".length());
            long n = Long.parseLong(tail.substring(0, tail.indexOf('/')));
            ex.sendResponseHeaders(200, n);
            try (OutputStream out = ex.getResponseBody()) {
              byte[] buf = new byte[16384];
              for (long off = 0; off < n; ) {
                int len = (int) Math.min(buf.length, n - off);
                for (int i = 0; i < len; i++) {
                  buf[i] = textPattern(off + i);
                }
                out.write(buf, 0, len);
                off += len;
              }
            }
            return;
          }
          byte[] body = ("kubelet stand-in: " + path + "\n").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    https.start();
  }

  /** Printable bytes (kubectl passes logs through as text). */
  public static byte textPattern(long i) {
    return (byte) ('a' + (int) ((i * 7 + (i >>> 10)) % 26));
  }

  public int port() {
    return https.getAddress().getPort();
  }

  @Override
  public void close() {
    https.stop(0);
    executor.shutdownNow();
  }
}
