package dev.controlplanes.kamaji.storage.datastore.etcd;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException.Operation;
import dev.controlplanes.kamaji.storage.datastore.MigrationTargets;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.auth.Permission;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Tenants on etcd with authentication enabled: a role named after the schema with READWRITE on
 * exactly {@code [/<schema>/, prefixEnd(/<schema>/))}, granted to a user named after the tenant's
 * user. Tenants authenticate with a client certificate whose CN is that user name.
 *
 * <p>As in Kamaji, the user has no password ({@code UserAddOptions.no_password}): etcd refuses to
 * authenticate it by password at all. jetcd cannot send that option, so {@link NoPasswordUsers}
 * adds the user on a gRPC channel of its own; everything else goes through jetcd.
 */
public final class EtcdDataStoreConnection implements DataStoreConnection {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** Keys read per request while copying: small enough for etcd's default 1.5 MiB requests. */
  static final int COPY_PAGE = 500;

  /** Puts per transaction while copying: below etcd's default {@code --max-txn-ops} of 128. */
  static final int COPY_TXN_OPS = 100;

  private final Client client;
  private final Auth auth;
  private final NoPasswordUsers users;
  private final String password;
  private final DataStoreEndpoint endpoint;

  private EtcdDataStoreConnection(
      Client client, NoPasswordUsers users, String password, DataStoreEndpoint endpoint) {
    this.client = client;
    this.auth = client.getAuthClient();
    this.users = users;
    this.password = password;
    this.endpoint = endpoint;
  }

  /** Builds a client on every endpoint over https; nothing is sent until the first operation. */
  public static EtcdDataStoreConnection open(DataStoreEndpoint endpoint) {
    ClientBuilder builder =
        Client.builder()
            .endpoints(
                endpoint.endpoints().stream()
                    .map(e -> URI.create("https://" + e))
                    .toArray(URI[]::new))
            .waitForReady(false)
            .connectTimeout(TIMEOUT);
    DataStoreEndpoint.Tls tls = endpoint.tls();
    if (tls == null) {
      throw new IllegalArgumentException("an etcd DataStore needs TLS material");
    }
    try {
      builder.sslContext(
          ssl -> {
            ssl.trustManager(new ByteArrayInputStream(tls.caCertificate()));
            if (tls.hasClientCertificate()) {
              ssl.keyManager(
                  new ByteArrayInputStream(tls.clientCertificate()),
                  new ByteArrayInputStream(tls.clientKey()));
            }
          });
    } catch (SSLException | IllegalArgumentException e) {
      // Netty's message names the PEM problem, never the key bytes.
      throw new DataStoreException(Operation.CONNECT, "cannot load the etcd TLS material: " + e);
    }
    String password = null;
    if (endpoint.basicAuth() != null) {
      password = endpoint.basicAuth().password();
      builder.user(bytes(endpoint.basicAuth().username())).password(bytes(password));
    }
    NoPasswordUsers users = NoPasswordUsers.open(builder, TIMEOUT);
    try {
      return new EtcdDataStoreConnection(builder.build(), users, password, endpoint);
    } catch (RuntimeException e) {
      users.close();
      throw e;
    }
  }

  @Override
  public void check() {
    await(
        Operation.CHECK,
        "etcd did not answer",
        client.getKVClient().get(bytes("health"), GetOption.builder().withCountOnly(true).build()));
  }

  @Override
  public void setUp(TenantDatabase tenant) {
    ByteSequence role = bytes(roleName(tenant));
    ByteSequence user = bytes(userName(tenant));
    Permission wanted = permission(tenant);
    if (!exists(Operation.SET_UP, "role", auth.roleGet(role))) {
      ignoringAlreadyExists(Operation.SET_UP, "cannot add role", auth.roleAdd(role));
    }
    List<Permission> current =
        await(Operation.SET_UP, "cannot read role", auth.roleGet(role)).getPermissions();
    for (Permission p : current) {
      if (!same(p, wanted)) {
        // A role that grants anything beyond the tenant's range is not the tenant's role.
        await(
            Operation.SET_UP,
            "cannot revoke a stray permission",
            auth.roleRevokePermission(role, p.getKey(), p.getRangeEnd()));
      }
    }
    if (current.stream().noneMatch(p -> same(p, wanted))) {
      await(
          Operation.SET_UP,
          "cannot grant the prefix to the role",
          auth.roleGrantPermission(
              role, wanted.getKey(), wanted.getRangeEnd(), Permission.Type.READWRITE));
    }
    if (!exists(Operation.SET_UP, "user", auth.userGet(user))) {
      addUserWithoutPassword(userName(tenant));
    }
    List<String> roles = await(Operation.SET_UP, "cannot read user", auth.userGet(user)).getRoles();
    if (!roles.contains(roleName(tenant))) {
      await(Operation.SET_UP, "cannot grant the role", auth.userGrantRole(user, role));
    }
  }

  @Override
  public boolean isSetUp(TenantDatabase tenant) {
    ByteSequence role = bytes(roleName(tenant));
    ByteSequence user = bytes(userName(tenant));
    List<Permission> permissions;
    try {
      permissions =
          await(Operation.IS_SET_UP, "cannot read role", auth.roleGet(role)).getPermissions();
    } catch (DataStoreException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw e;
    }
    if (permissions.size() != 1 || !same(permissions.get(0), permission(tenant))) {
      return false;
    }
    try {
      return await(Operation.IS_SET_UP, "cannot read user", auth.userGet(user))
          .getRoles()
          .contains(roleName(tenant));
    } catch (DataStoreException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void tearDown(TenantDatabase tenant) {
    ByteSequence role = bytes(roleName(tenant));
    ByteSequence user = bytes(userName(tenant));
    // The role goes first, so the user loses access before its keys are deleted; deleting a role
    // also removes it from every user.
    ignoringNotFound(auth.roleDelete(role));
    deletePrefix(Operation.TEAR_DOWN, tenant.schema());
    ignoringNotFound(auth.userDelete(user));
  }

  /**
   * Reads {@code /<schema>/} page by page at the revision of the first page, so that the target
   * gets one consistent snapshot, and puts each page into the target in transactions small enough
   * for etcd's limit on operations per transaction.
   */
  @Override
  public void copyTenantData(String schema, DataStoreConnection target) {
    ByteSequence from = bytes(prefix(schema));
    EtcdDataStoreConnection to =
        MigrationTargets.require(target, EtcdDataStoreConnection.class, t -> t.endpoint, endpoint);
    ByteSequence end = prefixEnd(from);
    long revision = 0; // the current revision, for the first page
    ByteSequence next = from;
    GetResponse page;
    do {
      page =
          await(Operation.MIGRATE, "cannot read the keys to copy", readPage(next, end, revision));
      revision = page.getHeader().getRevision();
      List<KeyValue> keys = page.getKvs();
      for (int i = 0; i < keys.size(); i += COPY_TXN_OPS) {
        to.putAll(keys.subList(i, Math.min(i + COPY_TXN_OPS, keys.size())));
      }
      if (!keys.isEmpty()) {
        // The smallest key after the last one read.
        next = keys.get(keys.size() - 1).getKey().concat(ByteSequence.from(new byte[] {0}));
      }
    } while (page.isMore());
  }

  @Override
  public void dropTenantData(String schema) {
    deletePrefix(Operation.DROP, schema);
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      users.close();
    }
  }

  /**
   * The key prefix of a tenant: {@code /<schema>/}, so that {@code /a/} never covers {@code /ab}.
   */
  public static String prefix(TenantDatabase tenant) {
    return prefix(tenant.schema());
  }

  private static String prefix(String schema) {
    return "/" + schemaName(schema) + "/";
  }

  private static String roleName(TenantDatabase tenant) {
    return schemaName(tenant.schema());
  }

  private static String schemaName(String schema) {
    requireName(schema, "schema");
    if (schema.indexOf('/') >= 0) {
      // "/a/b/" lies inside "/a/": tenant "a" could read tenant "a/b".
      throw new IllegalArgumentException("an etcd schema cannot contain '/'");
    }
    if ("root".equals(schema)) {
      throw new IllegalArgumentException("the etcd role 'root' is reserved");
    }
    return schema;
  }

  private static String userName(TenantDatabase tenant) {
    requireName(tenant.user(), "user");
    if ("root".equals(tenant.user())) {
      throw new IllegalArgumentException("the etcd user 'root' is reserved");
    }
    return tenant.user();
  }

  private static void requireName(String name, String what) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty etcd " + what);
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("etcd " + what + " contains a NUL character");
    }
  }

  private static Permission permission(TenantDatabase tenant) {
    ByteSequence key = bytes(prefix(tenant));
    return new Permission(Permission.Type.READWRITE, key, prefixEnd(key));
  }

  /** The smallest key greater than every key starting with {@code prefix}. */
  static ByteSequence prefixEnd(ByteSequence prefix) {
    byte[] end = prefix.getBytes();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return ByteSequence.from(Arrays.copyOf(end, i + 1));
      }
    }
    return ByteSequence.from(new byte[] {0}); // all 0xff: to the end of the keyspace
  }

  private CompletableFuture<GetResponse> readPage(
      ByteSequence from, ByteSequence end, long revision) {
    GetOption option =
        GetOption.builder()
            .withRange(end)
            .withSortField(GetOption.SortTarget.KEY)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .withLimit(COPY_PAGE)
            .withRevision(revision)
            .build();
    return client.getKVClient().get(from, option);
  }

  /** Puts {@code keys} in one transaction; their leases and revisions stay behind. */
  private void putAll(List<KeyValue> keys) {
    Op[] puts =
        keys.stream()
            .map(kv -> Op.put(kv.getKey(), kv.getValue(), PutOption.DEFAULT))
            .toArray(Op[]::new);
    await(
        Operation.MIGRATE,
        "cannot write the copied keys",
        client.getKVClient().txn().Then(puts).commit());
  }

  private void deletePrefix(Operation operation, String schema) {
    ByteSequence prefix = bytes(prefix(schema));
    await(
        operation,
        "cannot delete the prefix",
        client.getKVClient().delete(prefix, DeleteOption.builder().isPrefix(true).build()));
  }

  private static boolean same(Permission a, Permission b) {
    return a.getPermType() == b.getPermType()
        && a.getKey().equals(b.getKey())
        && a.getRangeEnd().equals(b.getRangeEnd());
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private boolean exists(Operation operation, String what, CompletableFuture<?> get) {
    try {
      await(operation, "cannot read " + what, get);
      return true;
    } catch (DataStoreException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private void addUserWithoutPassword(String user) {
    try {
      users.add(user);
    } catch (StatusRuntimeException e) {
      if (!isAlreadyExists(String.valueOf(e.getMessage()))) {
        // Logging in with the DataStore's password can fail too: its message must not leak it.
        throw DataStoreException.wrap(Operation.SET_UP, "cannot add user", e, password);
      }
    }
  }

  private void ignoringAlreadyExists(Operation operation, String what, CompletableFuture<?> call) {
    try {
      await(operation, what, call);
    } catch (DataStoreException e) {
      if (!isAlreadyExists(String.valueOf(e.getMessage()))) {
        throw e;
      }
    }
  }

  private void ignoringNotFound(CompletableFuture<?> call) {
    try {
      await(Operation.TEAR_DOWN, "cannot delete", call);
    } catch (DataStoreException e) {
      if (!isNotFound(e)) {
        throw e;
      }
    }
  }

  private static boolean isAlreadyExists(String message) {
    // etcd's errors are "etcdserver: role name already exists" and "... user name already exists".
    return message.contains("already exists");
  }

  private static boolean isNotFound(DataStoreException e) {
    // etcd's errors are "etcdserver: role name not found" and "etcdserver: user name not found".
    return String.valueOf(e.getMessage()).contains("name not found");
  }

  private static <T> T await(Operation operation, String what, CompletableFuture<T> call) {
    try {
      return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw DataStoreException.wrap(operation, what, cause);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new DataStoreException(operation, what + ": no answer within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataStoreException(operation, what + ": interrupted");
    }
  }
}
