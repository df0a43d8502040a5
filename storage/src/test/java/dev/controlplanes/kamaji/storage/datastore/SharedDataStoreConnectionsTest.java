package dev.controlplanes.kamaji.storage.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedDataStoreConnectionsTest {

  /** Records what was done on it; unit test of the sharing only. */
  static final class Recorded implements DataStoreConnection {
    final List<String> calls = new ArrayList<>();
    final List<DataStoreConnection> targets = new ArrayList<>();
    boolean closed;

    @Override
    public void check() {
      calls.add("check");
    }

    @Override
    public void setUp(TenantDatabase tenant) {
      calls.add("setUp " + tenant.schema());
    }

    @Override
    public boolean isSetUp(TenantDatabase tenant) {
      return true;
    }

    @Override
    public void tearDown(TenantDatabase tenant) {
      calls.add("tearDown " + tenant.schema());
    }

    @Override
    public void copyTenantData(String schema, DataStoreConnection target) {
      calls.add("copyTenantData " + schema);
      targets.add(target);
    }

    @Override
    public void dropTenantData(String schema) {
      calls.add("dropTenantData " + schema);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final List<Recorded> opened = new ArrayList<>();
  private Instant now = Instant.parse("2026-11-21T12:00:00Z");

  private final SharedDataStoreConnections connections =
      new SharedDataStoreConnections(
          endpoint -> {
            Recorded r = new Recorded();
            opened.add(r);
            return r;
          },
          new Clock() {
            @Override
            public Instant instant() {
              return now;
            }

            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }
          });

  private static DataStoreEndpoint etcd(String clientKey) {
    return new DataStoreEndpoint(
        DataStoreDriver.ETCD,
        List.of("127.0.0.1:2379"),
        new DataStoreEndpoint.Tls(
            "ca".getBytes(StandardCharsets.UTF_8),
            "cert".getBytes(StandardCharsets.UTF_8),
            clientKey.getBytes(StandardCharsets.UTF_8)),
        null);
  }

  private static final TenantDatabase TENANT = new TenantDatabase("ns_a", "a", "pw");

  @Test
  void etcdCallersShareOneConnectionThatClosingOnlyReleases() {
    try (DataStoreConnection first = connections.open(etcd("key"));
        DataStoreConnection second = connections.open(etcd("key"))) {
      first.setUp(TENANT);
      second.tearDown(TENANT);
    }

    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).calls).containsExactly("setUp ns_a", "tearDown ns_a");
    assertThat(opened.get(0).closed).isFalse();
    assertThat(connections.size()).isEqualTo(1);
  }

  @Test
  void migrationCallsGoThroughAndTheTargetIsTheSharedConnectionNotItsLease() {
    try (DataStoreConnection source = connections.open(etcd("key"));
        DataStoreConnection target = connections.open(etcd("other key"))) {
      source.copyTenantData("ns_a", target);
      source.dropTenantData("ns_a");
    }

    assertThat(opened.get(0).calls).containsExactly("copyTenantData ns_a", "dropTenantData ns_a");
    assertThat(opened.get(0).targets).containsExactly(opened.get(1));
    assertThat(opened.get(1).calls).isEmpty();
  }

  @Test
  void otherCredentialsGetAnotherConnection() {
    connections.open(etcd("key")).close();
    connections.open(etcd("rotated key")).close();

    assertThat(opened).hasSize(2);
  }

  @Test
  void anIdleConnectionIsClosedButOneInUseIsNot() {
    DataStoreConnection held = connections.open(etcd("key"));
    connections.open(etcd("other")).close();
    now = now.plus(SharedDataStoreConnections.IDLE).plus(Duration.ofSeconds(1));

    connections.open(etcd("third")).close();

    assertThat(opened.get(0).closed).isFalse();
    assertThat(opened.get(1).closed).isTrue();
    held.close();
    connections.close();
    assertThat(opened).allMatch(r -> r.closed);
    assertThatThrownBy(() -> connections.open(etcd("key")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sqlConnectionsAreNotShared() {
    DataStoreEndpoint postgres =
        new DataStoreEndpoint(
            DataStoreDriver.POSTGRESQL,
            List.of("127.0.0.1:5432"),
            null,
            new DataStoreEndpoint.BasicAuth("admin", "pw"));

    connections.open(postgres).close();
    connections.open(postgres).close();

    assertThat(opened).hasSize(2).allMatch(r -> r.closed);
    assertThat(connections.size()).isZero();
  }
}
