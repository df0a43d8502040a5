package dev.controlplanes.kamaji.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What SQL drivers add to the contract: tenants log in with passwords. */
public abstract class SqlDataStoreConnectionContract extends DataStoreConnectionContract {

  /** The administrator's endpoint. */
  protected abstract DataStoreEndpoint endpoint();

  /** Opens and closes a session as {@code who} on its own database; throws if refused. */
  protected abstract void logIn(TenantDatabase who) throws Exception;

  @Test
  void setUpWithANewPasswordReplacesTheOldOne() throws Exception {
    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);
    logIn(tenant);

    TenantDatabase rotated = tenant.withPassword("rotated-" + unique(""));
    connection().setUp(rotated);

    assertThatCode(() -> logIn(rotated)).doesNotThrowAnyException();
    assertDenied(() -> logIn(tenant));
    assertThat(connection().isSetUp(rotated)).isTrue();
  }

  @Test
  void hostilePasswordsAreStoredVerbatim() throws Exception {
    String password = "p'\"`; DROP USER x; -- \\' \\\\ %_ $1 ? é";
    TenantDatabase tenant = newTenant().withPassword(password);
    connection().setUp(tenant);

    assertThatCode(() -> logIn(tenant)).doesNotThrowAnyException();
    assertDenied(() -> logIn(tenant.withPassword(password.replace("\\", ""))));
  }

  @Test
  void passwordsWithNulAreRefused() {
    TenantDatabase tenant = newTenant().withPassword("a\0b");

    assertThatThrownBy(() -> connection().setUp(tenant))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failuresNeverShowPasswords() {
    String secret = "admin-secret-" + unique("");
    DataStoreEndpoint wrong =
        new DataStoreEndpoint(
            endpoint().driver(),
            endpoint().endpoints(),
            null,
            new DataStoreEndpoint.BasicAuth(endpoint().basicAuth().username(), secret));
    TenantDatabase tenant = newTenant().withPassword("tenant-secret-" + unique(""));

    try (DataStoreConnection connection = DataStoreConnections.open(wrong)) {
      assertThatThrownBy(connection::check)
          .isInstanceOfSatisfying(
              DataStoreException.class,
              e -> {
                assertThat(e.operation()).isEqualTo(DataStoreException.Operation.CHECK);
                assertThat(stackTrace(e)).doesNotContain(secret);
              });
      assertThatThrownBy(() -> connection.setUp(tenant))
          .isInstanceOfSatisfying(
              DataStoreException.class,
              e -> assertThat(stackTrace(e)).doesNotContain(secret, tenant.password()));
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
