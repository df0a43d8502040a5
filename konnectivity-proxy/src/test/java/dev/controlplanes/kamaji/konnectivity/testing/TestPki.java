package dev.controlplanes.kamaji.konnectivity.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away CA with a serving certificate for 127.0.0.1/localhost and a client certificate, made
 * with the openssl command line in a directory of the caller's.
 */
public final class TestPki {

  public final Path dir;
  public final Path caCert;
  public final Path caKey;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;

  private TestPki(Path dir) {
    this.dir = dir;
    this.caCert = dir.resolve("ca.crt");
    this.caKey = dir.resolve("ca.key");
    this.serverCert = dir.resolve("server.crt");
    this.serverKey = dir.resolve("server.key");
    this.clientCert = dir.resolve("client.crt");
    this.clientKey = dir.resolve("client.key");
  }

  public static TestPki create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    TestPki p = new TestPki(dir);
    p.openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        p.caKey.toString(),
        "-out",
        p.caCert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=konnectivity-test-ca");
    p.issue(
        "server",
        "/CN=127.0.0.1",
        "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
            + "extendedKeyUsage=serverAuth,clientAuth\n");
    p.issue("client", "/CN=system:konnectivity-server", "extendedKeyUsage=clientAuth\n");
    return p;
  }

  /** Issues {@code <name>.crt}/{@code <name>.key} signed by the CA, with extra v3 extensions. */
  public void issue(String name, String subject, String extensions)
      throws IOException, InterruptedException {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path ext = dir.resolve(name + ".ext");
    Files.writeString(ext, extensions);
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString(),
        "-subj",
        subject);
    openssl(
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        caCert.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        ext.toString(),
        "-out",
        dir.resolve(name + ".crt").toString());
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("openssl failed: " + out);
    }
  }
}
