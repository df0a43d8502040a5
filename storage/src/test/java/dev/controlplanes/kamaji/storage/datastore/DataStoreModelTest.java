package dev.controlplanes.kamaji.storage.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value types and the exception: what they show and what they hide. */
class DataStoreModelTest {

  @Test
  void tenantDatabaseHidesItsPassword() {
    TenantDatabase tenant = new TenantDatabase("db", "user", "s3cret");

    assertThat(tenant.toString()).contains("db", "user").doesNotContain("s3cret");
    assertThat(tenant.withPassword("other").password()).isEqualTo("other");
  }

  @Test
  void endpointHidesPasswordAndKey() {
    DataStoreEndpoint endpoint =
        new DataStoreEndpoint(
            DataStoreDriver.POSTGRESQL,
            List.of("db.example:5432", "[::1]:5433"),
            new DataStoreEndpoint.Tls(
                bytes("CA"), bytes("CERT"), bytes("-----BEGIN PRIVATE KEY-----KEYBYTES")),
            new DataStoreEndpoint.BasicAuth("admin", "s3cret"));

    assertThat(endpoint.toString()).contains("admin").doesNotContain("s3cret", "KEYBYTES");
    assertThat(endpoint.first()).isEqualTo(new DataStoreEndpoint.HostPort("db.example", 5432));
    assertThat(DataStoreEndpoint.HostPort.parse("[::1]:5433").host()).isEqualTo("[::1]");
  }

  @Test
  void endpointsMustBeHostPort() {
    for (String bad : List.of("host", "host:", ":1", "host:0", "host:70000", "https://h:1")) {
      assertThatThrownBy(
              () -> new DataStoreEndpoint(DataStoreDriver.ETCD, List.of(bad), null, null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new DataStoreEndpoint(DataStoreDriver.ETCD, List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientCertificateNeedsItsKey() {
    assertThatThrownBy(() -> new DataStoreEndpoint.Tls(bytes("CA"), bytes("CERT"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrappedFailuresLoseSecretsAndCausesThatHoldThem() {
    SQLException leaky = new SQLException("syntax error near 'hunter2'", "42601");

    DataStoreException e =
        DataStoreException.wrap(DataStoreException.Operation.SET_UP, "cannot", leaky, "hunter2");

    assertThat(e.getMessage())
        .startsWith("SET_UP: cannot")
        .contains("<redacted>")
        .doesNotContain("hunter2");
    assertThat(e.getCause()).isNull();
    assertThat(e.operation()).isEqualTo(DataStoreException.Operation.SET_UP);
  }

  @Test
  void wrappedFailuresKeepHarmlessCauses() {
    SQLException harmless = new SQLException("connection refused", "08001");

    DataStoreException e =
        DataStoreException.wrap(DataStoreException.Operation.CHECK, "down", harmless, "hunter2");

    assertThat(e.getCause()).isSameAs(harmless);
    assertThat(e.getMessage()).contains("connection refused");
  }

  @Test
  void natsIsNotSupportedYet() {
    DataStoreEndpoint nats =
        new DataStoreEndpoint(DataStoreDriver.NATS, List.of("127.0.0.1:4222"), null, null);

    assertThatThrownBy(() -> DataStoreConnections.open(nats))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("NATS");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
