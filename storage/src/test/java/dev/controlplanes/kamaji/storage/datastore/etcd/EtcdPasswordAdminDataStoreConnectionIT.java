package dev.controlplanes.kamaji.storage.datastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.testing.AuthEtcdDataStore;
import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same tests with a DataStore whose administrator logs in with a user name and password: every
 * call, including the password-less user add that jetcd cannot make, must carry etcd's auth token,
 * since the administrator's certificate names no etcd user.
 */
class EtcdPasswordAdminDataStoreConnectionIT extends EtcdDataStoreConnectionIT {

  private final ByteSequence admin = ByteSequence.from("kamaji-admin", StandardCharsets.UTF_8);
  private final ByteSequence password =
      ByteSequence.from(UUID.randomUUID().toString(), StandardCharsets.UTF_8);

  @Override
  protected DataStoreEndpoint adminEndpoint(AuthEtcdDataStore etcd, Client root) throws Exception {
    Auth auth = root.getAuthClient();
    auth.userAdd(admin, password).get(10, TimeUnit.SECONDS);
    auth.userGrantRole(admin, ByteSequence.from("root", StandardCharsets.UTF_8))
        .get(10, TimeUnit.SECONDS);
    return etcd.endpointWithPassword(
        admin.toString(StandardCharsets.UTF_8), password.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aTokenEtcdDroppedIsReplaced() throws Exception {
    connection().setUp(newTenant()); // both channels hold a token now
    // Setting a password, even the same one, makes etcd forget the user's tokens.
    rootClient().getAuthClient().userChangePassword(admin, password).get(10, TimeUnit.SECONDS);
    try {
      connection().check();
    } catch (DataStoreException e) {
      // jetcd fails the first call after that, then logs in again; the user add must cope alone.
    }

    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);

    assertThat(connection().isSetUp(tenant)).isTrue();
  }
}
