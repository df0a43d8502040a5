package dev.controlplanes.kamaji.storage.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.testing.MariaDbServer;
import dev.controlplanes.kamaji.storage.testing.TestPki;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The MySQL driver over verified TLS with an administrator that may only use TLS. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MySqlTlsIT {

  private static final TestPki PKI = TestPki.create("kamaji-test-mariadb-ca");
  private static MariaDbServer mariadb;

  @BeforeAll
  static void start() {
    mariadb = MariaDbServer.start(PKI);
  }

  @AfterAll
  static void stop() {
    if (mariadb != null) {
      mariadb.close();
    }
  }

  @Test
  void anAdministratorRequiringTlsCanSetUpTenants() {
    TenantDatabase tenant = new TenantDatabase("tls_db", "tls-user", UUID.randomUUID().toString());

    try (DataStoreConnection connection =
        DataStoreConnections.open(mariadb.tlsEndpoint(PKI.caPem()))) {
      connection.check();
      connection.setUp(tenant);
      assertThat(connection.isSetUp(tenant)).isTrue();
      connection.tearDown(tenant);
      assertThat(connection.isSetUp(tenant)).isFalse();
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    try (DataStoreConnection connection =
        DataStoreConnections.open(mariadb.tlsEndpoint(TestPki.create("other-ca").caPem()))) {
      assertThatThrownBy(connection::check).isInstanceOf(DataStoreException.class);
    }
  }

  @Test
  void clientCertificatesAreRefusedUntilSupported() {
    TestPki.Issued client = PKI.client("admin");
    DataStoreEndpoint withCertificate =
        new DataStoreEndpoint(
            mariadb.endpoint().driver(),
            mariadb.endpoint().endpoints(),
            new DataStoreEndpoint.Tls(PKI.caPem(), client.certificatePem(), client.keyPem()),
            mariadb.endpoint().basicAuth());

    assertThatThrownBy(() -> DataStoreConnections.open(withCertificate))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
