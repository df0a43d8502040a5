package dev.controlplanes.kamaji.storage.datastore.etcd;

import static dev.controlplanes.kamaji.storage.testing.MigrationFixtures.binaryValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import dev.controlplanes.kamaji.storage.testing.AuthEtcdDataStore;
import dev.controlplanes.kamaji.storage.testing.Closeables;
import dev.controlplanes.kamaji.storage.testing.DataStoreConnectionContract;
import dev.controlplanes.kamaji.storage.testing.TestPki;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

  /** Keys of the tenant whose data is copied: more than one page of the driver's copy. */
  private static final int KEYS = 1234;

  private AuthEtcdDataStore etcd;
  private DataStoreEndpoint endpoint;
  private DataStoreConnection connection;
  private Client root;

  /** A second etcd, the target of migrations. */
  private AuthEtcdDataStore targetEtcd;

  private DataStoreConnection target;
  private Client targetRoot;

  /** How the driver reaches {@code etcd} as its administrator; {@code root} is etcd's root. */
  protected DataStoreEndpoint adminEndpoint(AuthEtcdDataStore etcd, Client root) throws Exception {
    return etcd.endpoint();
  }

  @BeforeAll
  void start() throws Exception {
    etcd = AuthEtcdDataStore.start();
    root = etcd.rootClient();
    endpoint = adminEndpoint(etcd, root);
    connection = DataStoreConnections.open(endpoint);
    targetEtcd = AuthEtcdDataStore.start();
    targetRoot = targetEtcd.rootClient();
    target = DataStoreConnections.open(adminEndpoint(targetEtcd, targetRoot));
  }

  @AfterAll
  void stop() {
    Closeables.closeAll(root, connection, etcd, targetRoot, target, targetEtcd);
  }

  @Override
  protected DataStoreConnection connection() {
    return connection;
  }

  @Override
  protected DataStoreEndpoint endpoint() {
    return endpoint;
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
  protected boolean hasData(TenantDatabase tenant) throws Exception {
    return !keys(root, tenant).isEmpty();
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
    putNeighbours(a);

    try (Client client = etcd.clientAs(a.user())) {
      for (String key : neighbours(a)) {
        assertDenied(() -> get(client, key));
        assertDenied(() -> put(client, key, "a"));
      }
      put(client, "/" + a.schema() + "/k", "own");
    }
    deleteNeighbours(a);
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

  @Test
  void copyMovesEveryKeyByteForByteToAnotherEtcdAndNothingElse() throws Exception {
    TenantDatabase a = newTenant();
    TenantDatabase b = newTenant();
    putTenantKeys(root, a);
    putNeighbours(a);
    target.setUp(b);
    try {
      put(targetRoot, "/" + b.schema() + "/k", "b's");

      connection.copyTenantData(a.schema(), target);

      Map<ByteSequence, ByteSequence> copied = keys(targetRoot, a);
      assertThat(copied).hasSize(KEYS + 1).isEqualTo(keys(root, a));
      for (String key : neighbours(a)) {
        assertThat(get(targetRoot, key)).isNull();
      }
      assertThat(get(targetRoot, "/" + b.schema() + "/k")).isEqualTo("b's");

      target.setUp(a);
      try (Client client = targetEtcd.clientAs(a.user())) {
        assertThat(keys(client, a)).isEqualTo(copied);
      }
    } finally {
      target.tearDown(a);
      target.tearDown(b);
      deleteNeighbours(a);
    }
  }

  @Test
  void aSecondCopyReplacesTheValuesAndAddsNoKeys() throws Exception {
    TenantDatabase a = newTenant();
    putTenantKeys(root, a);
    try {
      connection.copyTenantData(a.schema(), target);
      put(root, "/" + a.schema() + "/k0007", "changed");

      connection.copyTenantData(a.schema(), target);

      assertThat(keys(targetRoot, a)).hasSize(KEYS + 1).isEqualTo(keys(root, a));
      assertThat(get(targetRoot, "/" + a.schema() + "/k0007")).isEqualTo("changed");
    } finally {
      target.dropTenantData(a.schema());
    }
  }

  @Test
  void dropTenantDataLeavesKeysThatOnlyStartLikeThePrefix() throws Exception {
    TenantDatabase a = newTenant();
    connection.setUp(a);
    putTenantKeys(root, a);
    putNeighbours(a);
    try {
      connection.dropTenantData(a.schema());

      assertThat(keys(root, a)).isEmpty();
      for (String key : neighbours(a)) {
        assertThat(get(root, key)).isEqualTo("neighbour");
      }
      assertThat(connection.isSetUp(a)).as("the role and user stay").isTrue();
    } finally {
      deleteNeighbours(a);
    }
  }

  /** Keys that only start like the tenant's prefix: {@code /<schema>x/k} and {@code /<schema>}. */
  private static List<String> neighbours(TenantDatabase tenant) {
    return List.of("/" + tenant.schema() + "x/k", "/" + tenant.schema());
  }

  private void putNeighbours(TenantDatabase tenant) throws Exception {
    for (String key : neighbours(tenant)) {
      put(root, key, "neighbour");
    }
  }

  private void deleteNeighbours(TenantDatabase tenant) throws Exception {
    for (String key : neighbours(tenant)) {
      root.getKVClient().delete(bytes(key)).get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * {@link #KEYS} keys under the tenant's prefix with binary values, 0x00 and 0xff among them, and
   * one key that is itself binary.
   */
  private static void putTenantKeys(Client client, TenantDatabase tenant) throws Exception {
    List<CompletableFuture<?>> puts = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      ByteSequence key = bytes(String.format("/%s/k%04d", tenant.schema(), i));
      puts.add(client.getKVClient().put(key, ByteSequence.from(binaryValue(i))));
    }
    ByteSequence binaryKey =
        bytes("/" + tenant.schema() + "/").concat(ByteSequence.from(new byte[] {0, (byte) 0xff}));
    puts.add(client.getKVClient().put(binaryKey, ByteSequence.from(new byte[] {(byte) 0xff})));
    CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  /** Every key under the tenant's prefix with its value, as {@code client} reads them. */
  private static Map<ByteSequence, ByteSequence> keys(Client client, TenantDatabase tenant)
      throws Exception {
    Map<ByteSequence, ByteSequence> keys = new HashMap<>();
    client
        .getKVClient()
        .get(bytes("/" + tenant.schema() + "/"), GetOption.builder().isPrefix(true).build())
        .get(10, TimeUnit.SECONDS)
        .getKvs()
        .forEach(kv -> keys.put(kv.getKey(), kv.getValue()));
    return keys;
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
