package dev.controlplanes.kamaji.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EtcdStoreConfigTest {

  @Test
  void ofUsesPlainTextAndTheDefaultTimeout() {
    EtcdStoreConfig config = EtcdStoreConfig.of("http://127.0.0.1:2379", "http://127.0.0.1:2380");

    assertThat(config.endpoints())
        .containsExactly(URI.create("http://127.0.0.1:2379"), URI.create("http://127.0.0.1:2380"));
    assertThat(config.tls()).isNull();
    assertThat(config.requestTimeout()).isEqualTo(EtcdStoreConfig.DEFAULT_REQUEST_TIMEOUT);
  }

  @Test
  void tlsNeedsHttpsEndpointsAndPlainTextNeedsHttp() {
    EtcdStoreConfig.Tls tls = EtcdStoreConfig.Tls.serverOnly(Path.of("ca.pem"));

    assertThat(EtcdStoreConfig.of(tls, "https://127.0.0.1:2379").tls()).isEqualTo(tls);
    assertThatThrownBy(() -> EtcdStoreConfig.of(tls, "http://127.0.0.1:2379"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdStoreConfig.of("https://127.0.0.1:2379"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> EtcdStoreConfig.of()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EtcdStoreConfig.of("127.0.0.1:2379"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> EtcdStoreConfig.of("http://127.0.0.1:2379").withRequestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EtcdStoreConfig.Tls(Path.of("ca"), Path.of("cert"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
