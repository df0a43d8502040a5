package dev.controlplanes.kamaji.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.controlplanes.kamaji.storage.datastore.DataStoreConnection;
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

  /** Stores {@code value} in {@code schema} as {@code who}; throws if the server refuses. */
  protected abstract void write(TenantDatabase who, String schema, String value) throws Exception;

  /** Reads what {@link #write} stored in {@code schema} as {@code who}; throws if refused. */
  protected abstract String read(TenantDatabase who, String schema) throws Exception;

  /** Whatever of {@code tenant} is still on the server (database, user, role, keys), by name. */
  protected abstract List<String> residue(TenantDatabase tenant) throws Exception;

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
}
