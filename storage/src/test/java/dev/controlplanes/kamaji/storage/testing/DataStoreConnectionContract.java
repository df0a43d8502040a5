package dev.controlplanes.kamaji.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
import dev.controlplanes.kamaji.storage.datastore.DataStoreConnections;
import dev.controlplanes.kamaji.storage.datastore.DataStoreDriver;
import dev.controlplanes.kamaji.storage.datastore.DataStoreEndpoint;
import dev.controlplanes.kamaji.storage.datastore.DataStoreException;
import dev.controlplanes.kamaji.storage.datastore.TenantDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DataStoreConnection} must do against its real server. A driver's test extends
 * this, starts the server, and says how a tenant reads and writes its data and what of a tenant can
 * be left on the server.
 */
public abstract class DataStoreConnectionContract {

  private final List<TenantDatabase> tenants = new ArrayList<>();

  /** The administrator's connection, open for the whole test class. */
  protected abstract DataStoreConnection connection();

  /** The administrator's endpoint, that of {@link #connection()}. */
  protected abstract DataStoreEndpoint endpoint();

  /** Stores {@code value} in {@code schema} as {@code who}; throws if the server refuses. */
  protected abstract void write(TenantDatabase who, String schema, String value) throws Exception;

  /** Reads what {@link #write} stored in {@code schema} as {@code who}; throws if refused. */
  protected abstract String read(TenantDatabase who, String schema) throws Exception;

  /** Whatever of {@code tenant} is still on the server (database, user, role, keys), by name. */
  protected abstract List<String> residue(TenantDatabase tenant) throws Exception;

  /** Whether the server holds data of {@code tenant}: its keys, or its database. */
  protected abstract boolean hasData(TenantDatabase tenant) throws Exception;

  /** Whether {@code failure} is the server refusing access (not, say, a broken connection). */
  protected abstract boolean isDenied(Throwable failure);

  /** Schemas the driver must refuse, besides one holding NUL. */
  protected abstract List<String> refusedSchemas();

  /** User names the driver must refuse, besides one holding NUL. */
  protected abstract List<String> refusedUsers();

  /** A tenant with a fresh name and password, torn down after the test. */
  protected TenantDatabase newTenant(String schema, String user) {
    TenantDatabase tenant = new TenantDatabase(schema, user, "pw-" + UUID.randomUUID());
    tenants.add(tenant);
    return tenant;
  }

  protected static String unique(String base) {
    return base + UUID.randomUUID().toString().substring(0, 8);
  }

  protected TenantDatabase newTenant() {
    String name = unique("t");
    return newTenant(name, name + "-user");
  }

  /** Asserts that {@code call} fails because the server denies access. */
  protected void assertDenied(ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    assertThat(failure).as("access was denied").isNotNull();
    assertThat(isDenied(failure)).as("denied by the server: %s", failure).isTrue();
  }

  @AfterEach
  void tearDownTenants() {
    for (TenantDatabase tenant : tenants) {
      try {
        connection().tearDown(tenant);
      } catch (RuntimeException e) {
        // Refused names were never set up; anything else shows up in residue assertions.
      }
    }
  }

  @Test
  void checkAnswers() {
    assertThatCode(() -> connection().check()).doesNotThrowAnyException();
  }

  @Test
  void setUpIsIdempotentAndIsSetUpSeesIt() {
    TenantDatabase tenant = newTenant();
    assertThat(connection().isSetUp(tenant)).isFalse();

    connection().setUp(tenant);
    assertThat(connection().isSetUp(tenant)).isTrue();
    connection().setUp(tenant);
    assertThat(connection().isSetUp(tenant)).isTrue();
  }

  @Test
  void tenantWritesAndReadsItsOwnData() throws Exception {
    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);

    write(tenant, tenant.schema(), "mine");

    assertThat(read(tenant, tenant.schema())).isEqualTo("mine");
  }

  @Test
  void tenantCannotReadOrWriteAnotherTenantsData() throws Exception {
    TenantDatabase a = newTenant();
    TenantDatabase b = newTenant();
    connection().setUp(a);
    connection().setUp(b);
    write(b, b.schema(), "b's");

    assertDenied(() -> read(a, b.schema()));
    assertDenied(() -> write(a, b.schema(), "a was here"));

    assertThat(read(b, b.schema())).isEqualTo("b's");
  }

  @Test
  void tearDownLeavesNothingBehindAndIsIdempotent() throws Exception {
    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);
    write(tenant, tenant.schema(), "data");
    assertThat(residue(tenant)).isNotEmpty();

    connection().tearDown(tenant);

    assertThat(residue(tenant)).isEmpty();
    assertThat(connection().isSetUp(tenant)).isFalse();
    assertThatCode(() -> connection().tearDown(tenant)).doesNotThrowAnyException();
    assertDenied(() -> read(tenant, tenant.schema()));
  }

  @Test
  void tearDownOfATenantNeverSetUpSucceeds() throws Exception {
    TenantDatabase tenant = newTenant();

    connection().tearDown(tenant);

    assertThat(residue(tenant)).isEmpty();
  }

  @Test
  void hostileNamesAreQuotedHarmlessly() throws Exception {
    TenantDatabase canary = newTenant(unique("canary"), unique("canary"));
    connection().setUp(canary);
    write(canary, canary.schema(), "alive");
    String c = canary.schema();
    String u = canary.user();
    List<String> hostile =
        List.of(
            "x\"; DROP DATABASE \"" + c + "\"; --",
            "x`; DROP DATABASE `" + c + "`; --",
            "x'; DROP USER '" + u + "'@'%'; --",
            "x'); DROP ROLE \"" + u + "\"; --",
            "x\"\"`` '' ; -- #",
            "X y%_ é",
            "x\n DROP");

    for (String name : hostile) {
      TenantDatabase tenant = newTenant(name + unique(""), name + unique("u"));
      connection().setUp(tenant);
      assertThat(connection().isSetUp(tenant)).as(name).isTrue();
      write(tenant, tenant.schema(), "hostile");
      assertThat(read(tenant, tenant.schema())).as(name).isEqualTo("hostile");
      connection().tearDown(tenant);
      assertThat(residue(tenant)).as(name).isEmpty();
    }

    assertThat(connection().isSetUp(canary)).isTrue();
    assertThat(read(canary, canary.schema())).isEqualTo("alive");
  }

  @Test
  void unquotableNamesAreRefusedBeforeAnythingIsCreated() throws Exception {
    List<TenantDatabase> refused = new ArrayList<>();
    String name = unique("ok");
    refused.add(newTenant("bad\0" + name, name));
    refused.add(newTenant(name, "bad\0" + name));
    for (String schema : refusedSchemas()) {
      refused.add(newTenant(schema, name));
    }
    for (String user : refusedUsers()) {
      refused.add(newTenant(name, user));
    }

    for (TenantDatabase tenant : refused) {
      assertThatThrownBy(() -> connection().setUp(tenant))
          .as(tenant.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }

    assertThat(residue(new TenantDatabase(name, name, ""))).isEmpty();
  }

  @Test
  void dropTenantDataDeletesOnlyThatTenantsDataAndIsIdempotent() throws Exception {
    TenantDatabase a = tenantWithData("a's");
    TenantDatabase b = tenantWithData("b's");

    connection().dropTenantData(a.schema());

    assertThat(hasData(a)).isFalse();
    assertThat(read(b, b.schema())).isEqualTo("b's");
    assertThatCode(() -> connection().dropTenantData(a.schema())).doesNotThrowAnyException();
    assertThatCode(() -> connection().dropTenantData(unique("never"))).doesNotThrowAnyException();
  }

  @Test
  void copyToAnotherDriverIsRefused() {
    // Opening a SQL driver's connection sends nothing, and nothing listens there anyway.
    DataStoreDriver other =
        endpoint().driver() == DataStoreDriver.POSTGRESQL
            ? DataStoreDriver.MYSQL
            : DataStoreDriver.POSTGRESQL;
    DataStoreEndpoint elsewhere =
        new DataStoreEndpoint(
            other,
            List.of("127.0.0.1:" + TempDirs.freePort()),
            null,
            new DataStoreEndpoint.BasicAuth("admin", "unused"));

    try (DataStoreConnection otherDriver = DataStoreConnections.open(elsewhere)) {
      for (DataStoreConnection target : List.of(otherDriver, new ForeignConnection())) {
        assertThatThrownBy(() -> connection().copyTenantData(unique("t"), target))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot copy data");
      }
    }
  }

  @Test
  void copyToTheSameDataStoreIsRefused() throws Exception {
    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);
    write(tenant, tenant.schema(), "kept");

    try (DataStoreConnection again = DataStoreConnections.open(endpoint())) {
      for (DataStoreConnection target : List.of(connection(), again)) {
        assertThatThrownBy(() -> connection().copyTenantData(tenant.schema(), target))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }

    assertThat(read(tenant, tenant.schema())).isEqualTo("kept");
  }

  @Test
  void unquotableSchemasAreRefusedByMigrationBeforeAnythingIsSent() {
    List<String> schemas = new ArrayList<>(refusedSchemas());
    schemas.add("bad\0" + unique(""));
    // Nothing listens there: whatever tried to send would fail with a DataStoreException.
    int port = TempDirs.freePort();
    try (DataStoreConnection source = DataStoreConnections.open(unreachable(port));
        DataStoreConnection target = DataStoreConnections.open(unreachable(port ^ 1))) {
      for (String schema : schemas) {
        assertThatThrownBy(() -> source.copyTenantData(schema, target))
            .as(schema)
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.dropTenantData(schema))
            .as(schema)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(() -> source.dropTenantData(unique("fine")))
          .isInstanceOf(DataStoreException.class);
    }
  }

  /** A tenant, set up, that wrote {@code value}. */
  private TenantDatabase tenantWithData(String value) throws Exception {
    TenantDatabase tenant = newTenant();
    connection().setUp(tenant);
    write(tenant, tenant.schema(), value);
    return tenant;
  }

  /** The administrator's endpoint moved to {@code port} on loopback. */
  private DataStoreEndpoint unreachable(int port) {
    DataStoreEndpoint admin = endpoint();
    return new DataStoreEndpoint(
        admin.driver(), List.of("127.0.0.1:" + port), admin.tls(), admin.basicAuth());
  }

  /** A connection of no driver at all; nothing may be called on it. */
  private static final class ForeignConnection implements DataStoreConnection {

    @Override
    public void check() {
      throw new AssertionError("check");
    }

    @Override
    public void setUp(TenantDatabase tenant) {
      throw new AssertionError("setUp");
    }

    @Override
    public boolean isSetUp(TenantDatabase tenant) {
      throw new AssertionError("isSetUp");
    }

    @Override
    public void tearDown(TenantDatabase tenant) {
      throw new AssertionError("tearDown");
    }

    @Override
    public void copyTenantData(String schema, DataStoreConnection target) {
      throw new AssertionError("copyTenantData");
    }

    @Override
    public void dropTenantData(String schema) {
      throw new AssertionError("dropTenantData");
    }

    @Override
    public void close() {}
  }
}
