package dev.controlplanes.kamaji.storage.datastore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.testing.PostgresServer;
import dev.controlplanes.kamaji.storage.testing.TestPki;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The PostgreSQL driver over verified TLS, authenticating the administrator by certificate. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresTlsIT {

  private static final TestPki PKI = TestPki.create("kamaji-test-postgres-ca");
  private static PostgresServer postgres;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.start(PKI);
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theAdministratorAuthenticatesWithItsClientCertificate() {
    TestPki.Issued admin = PKI.client("postgres");
    TenantDatabase tenant = new TenantDatabase("tls-db", "tls-user", UUID.randomUUID().toString());

    try (DataStoreConnection connection =
        DataStoreConnections.open(
            endpoint(
                new DataStoreEndpoint.Tls(PKI.caPem(), admin.certificatePem(), admin.keyPem())))) {
      connection.check();
      connection.setUp(tenant);
      assertThat(connection.isSetUp(tenant)).isTrue();
      connection.tearDown(tenant);
      assertThat(connection.isSetUp(tenant)).isFalse();
    }
  }

  @Test
  void withoutAClientCertificateEvenTheRightPasswordIsRefused() {
    DataStoreEndpoint passwordOnly =
        new DataStoreEndpoint(
            postgres.endpoint().driver(),
            postgres.endpoint().endpoints(),
            new DataStoreEndpoint.Tls(PKI.caPem(), null, null),
            postgres.endpoint().basicAuth());

    try (DataStoreConnection connection = DataStoreConnections.open(passwordOnly)) {
      // The server certificate was verified; the server then demands a client certificate.
      assertThatThrownBy(connection::check)
          .isInstanceOf(DataStoreException.class)
          .hasMessageContaining("SQLState 28000");
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    TestPki other = TestPki.create("other-ca");
    TestPki.Issued admin = other.client("postgres");

    try (DataStoreConnection connection =
        DataStoreConnections.open(
            endpoint(
                new DataStoreEndpoint.Tls(
                    other.caPem(), admin.certificatePem(), admin.keyPem())))) {
      assertThatThrownBy(connection::check)
          .isInstanceOf(DataStoreException.class)
          .hasMessageContaining("SQLState 08006");
    }
  }

  private static DataStoreEndpoint endpoint(DataStoreEndpoint.Tls tls) {
    return new DataStoreEndpoint(
        postgres.endpoint().driver(), postgres.endpoint().endpoints(), tls, null);
  }
}
