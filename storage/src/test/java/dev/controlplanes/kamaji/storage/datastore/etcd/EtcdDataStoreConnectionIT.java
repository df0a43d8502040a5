package dev.controlplanes.kamaji.storage.datastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.testing.AuthEtcdDataStore;
import dev.controlplanes.kamaji.storage.testing.DataStoreConnectionContract;
import dev.controlplanes.kamaji.storage.testing.TestPki;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The etcd driver against a real etcd with TLS, client-certificate auth and RBAC enabled, the
 * administrator authenticated by its certificate. A subclass changes {@link #adminEndpoint}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdDataStoreConnectionIT extends DataStoreConnectionContract {

  private AuthEtcdDataStore etcd;
  private DataStoreConnection connection;
  private Client root;

  /** How the driver reaches {@code etcd} as its administrator; {@code root} is etcd's root. */
  protected DataStoreEndpoint adminEndpoint(AuthEtcdDataStore etcd, Client root) throws Exception {
    return etcd.endpoint();
  }

  @BeforeAll
  void start() throws Exception {
    etcd = AuthEtcdDataStore.start();
    root = etcd.rootClient();
    connection = DataStoreConnections.open(adminEndpoint(etcd, root));
  }

  @AfterAll
  void stop() {
    if (root != null) {
      root.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected DataStoreConnection connection() {
    return connection;
  }

  protected Client rootClient() {
    return root;
  }

  @Override
  protected void write(TenantDatabase who, String schema, String value) throws Exception {
    try (Client client = etcd.clientAs(who.user())) {
      put(client, "/" + schema + "/probe", value);
    }
  }

  @Override
  protected String read(TenantDatabase who, String schema) throws Exception {
    try (Client client = etcd.clientAs(who.user())) {
      return get(client, "/" + schema + "/probe");
    }
  }

  @Override
  protected List<String> residue(TenantDatabase tenant) throws Exception {
    List<String> left = new ArrayList<>();
    if (root.getAuthClient()
        .roleList()
        .get(10, TimeUnit.SECONDS)
        .getRoles()
        .contains(tenant.schema())) {
      left.add("role " + tenant.schema());
    }
    if (root.getAuthClient()
        .userList()
        .get(10, TimeUnit.SECONDS)
        .getUsers()
        .contains(tenant.user())) {
      left.add("user " + tenant.user());
    }
    long keys =
        root.getKVClient()
            .get(
                bytes("/" + tenant.schema() + "/"),
                GetOption.builder().isPrefix(true).withCountOnly(true).build())
            .get(10, TimeUnit.SECONDS)
            .getCount();
    if (keys > 0) {
      left.add(keys + " keys under /" + tenant.schema() + "/");
    }
    return left;
  }

  @Override
  protected boolean isDenied(Throwable failure) {
    // A tenant without the role: "permission denied"; a deleted user: "user name not found".
    String text = String.valueOf(failure.getMessage());
    return text.contains("etcdserver: permission denied")
        || text.contains("etcdserver: user name not found");
  }

  @Override
  protected List<String> refusedSchemas() {
    // "/a/b/" lies inside "/a/"; root is etcd's own role.
    return List.of("a/b", "/", "root", "");
  }

  @Override
  protected List<String> refusedUsers() {
    return List.of("root", "");
  }

  @Test
  void tenantCannotTouchKeysThatOnlyStartLikeItsPrefix() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);
    put(root, "/" + a.schema() + "x/k", "neighbour");
    put(root, "/" + a.schema(), "bare");

    try (Client client = etcd.clientAs(a.user())) {
      for (String key : List.of("/" + a.schema() + "x/k", "/" + a.schema())) {
        assertDenied(() -> get(client, key));
        assertDenied(() -> put(client, key, "a"));
      }
      put(client, "/" + a.schema() + "/k", "own");
    }
    root.getKVClient().delete(bytes("/" + a.schema() + "x/k")).get(10, TimeUnit.SECONDS);
    root.getKVClient().delete(bytes("/" + a.schema())).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);
    TestPki other = TestPki.create("not-the-datastore-ca");

    try (Client client = etcd.clientSignedBy(other, a.user())) {
      // The TLS handshake fails: etcd never learns the CN.
      assertThatThrownBy(() -> put(client, "/" + a.schema() + "/k", "x"))
          .hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
    }
  }

  @Test
  void theRoleGrantsExactlyTheTenantPrefix() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);

    var permissions =
        root.getAuthClient().roleGet(bytes(a.schema())).get(10, TimeUnit.SECONDS).getPermissions();

    assertThat(permissions).hasSize(1);
    assertThat(permissions.get(0).getKey().toString(StandardCharsets.UTF_8))
        .isEqualTo("/" + a.schema() + "/");
    assertThat(permissions.get(0).getRangeEnd().toString(StandardCharsets.UTF_8))
        .isEqualTo("/" + a.schema() + "0");
  }

  @Test
  void theTenantsUserHasNoPasswordOnlyItsCertificate() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);

    for (String password : List.of("", a.password(), "anything")) {
      // etcd's ErrNoPasswordUser, which it answers before comparing any password.
      assertThatThrownBy(() -> etcd.authenticate(a.user(), password))
          .as("password %s", password.isEmpty() ? "empty" : password)
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e ->
                  assertThat(e.getStatus().getDescription())
                      .isEqualTo(
                          "auth: authentication failed, password was given for no password user"));
    }
    write(a, a.schema(), "by certificate");
    assertThat(read(a, a.schema())).isEqualTo("by certificate");
  }

  @Test
  void aUserWithAPasswordGetsAnotherAnswer() throws Exception {
    // The contrast that gives the test above its meaning.
    String name = unique("pw");
    root.getAuthClient().userAdd(bytes(name), bytes("right")).get(10, TimeUnit.SECONDS);
    try {
      assertThat(etcd.authenticate(name, "right")).isNotEmpty();
      assertThatThrownBy(() -> etcd.authenticate(name, ""))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e ->
                  assertThat(e.getStatus().getDescription())
                      .isEqualTo("etcdserver: authentication failed, invalid user ID or password"));
    } finally {
      root.getAuthClient().userDelete(bytes(name)).get(10, TimeUnit.SECONDS);
    }
  }

  private static void put(Client client, String key, String value) throws Exception {
    client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
  }

  private static String get(Client client, String key) throws Exception {
    List<KeyValue> kvs = client.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs();
    return kvs.isEmpty() ? null : kvs.get(0).getValue().toString(StandardCharsets.UTF_8);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
