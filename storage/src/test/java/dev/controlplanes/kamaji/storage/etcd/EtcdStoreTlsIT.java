package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.controlplanes.kamaji.storage.KeyValue;
import dev.controlplanes.kamaji.storage.StorageException;
import dev.controlplanes.kamaji.storage.StorageException.Code;
import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store over TLS with client certificates, against an etcd that requires them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdStoreTlsIT {

  @TempDir Path pki;

  @Test
  void talksToEtcdOverMutualTls() throws Exception {
    assumeTrue(hasOpenssl(), "openssl is needed to make test certificates");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "1",
        "-subj",
        "/CN=kamaji-test-ca",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    issue("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    issue("client", "extendedKeyUsage=clientAuth\n");
    Path ca = pki.resolve("ca.crt");

    try (EtcdServer etcd =
            EtcdServer.start(
                new EtcdServer.Tls(ca, pki.resolve("server.crt"), pki.resolve("server.key")));
        EtcdStore store =
            EtcdStore.connect(
                EtcdStoreConfig.of(
                    new EtcdStoreConfig.Tls(
                        ca, pki.resolve("client.crt"), pki.resolve("client.key")),
                    etcd.clientUrl().toString()));
        EtcdStore anonymous =
            EtcdStore.connect(
                EtcdStoreConfig.of(
                    EtcdStoreConfig.Tls.serverOnly(ca), etcd.clientUrl().toString()))) {
      assertThat(etcd.clientUrl().getScheme()).isEqualTo("https");

      KeyValue created = store.create("/tls/a", "v".getBytes(StandardCharsets.UTF_8));
      assertThat(store.get("/tls/a")).contains(created);
      assertThat(store.isHealthy()).isTrue();

      StorageException e =
          catchThrowableOfType(StorageException.class, () -> anonymous.get("/tls/a"));
      assertThat(e.code()).isEqualTo(Code.UNREACHABLE);
    }
  }

  private void issue(String name, String extensions) throws IOException, InterruptedException {
    Files.writeString(pki.resolve(name + ".ext"), extensions);
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=" + name);
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-out",
        name + ".crt",
        "-extfile",
        name + ".ext");
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private static boolean hasOpenssl() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
