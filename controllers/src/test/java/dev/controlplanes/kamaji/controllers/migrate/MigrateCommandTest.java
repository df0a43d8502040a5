package dev.controlplanes.kamaji.controllers.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSetupStatus;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.StorageStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The migrate command's flags and checks; the copy itself is tested against real servers. */
class MigrateCommandTest {

  @Test
  void kamajisJobArgumentsParse() {
    MigrateCommand.MigrateOptions options =
        MigrateCommand.MigrateOptions.parse(
            "--tenant-control-plane=ns/t",
            "--target-datastore=new",
            "--cleanup-prior-migration=true",
            "--timeout=1h30m");

    assertThat(options.tenantControlPlane()).isEqualTo("ns/t");
    assertThat(options.targetDataStore()).isEqualTo("new");
    assertThat(options.cleanupPriorMigration()).isTrue();
    assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(options.kubeconfig()).isEmpty();

    MigrateCommand.MigrateOptions defaults =
        MigrateCommand.MigrateOptions.parse(
            "--tenant-control-plane=ns/t", "--target-datastore=new", "--kubeconfig=/k");
    assertThat(defaults.cleanupPriorMigration()).isFalse();
    assertThat(defaults.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.kubeconfig()).isEqualTo(Optional.of(Path.of("/k")));
  }

  @Test
  void badArgumentsAreRefusedWithExitCodeTwo() {
    assertThat(MigrateCommand.run("--target-datastore=new")).isEqualTo(2);
    assertThat(MigrateCommand.run("--tenant-control-plane=t", "--target-datastore=new"))
        .isEqualTo(2);
    assertThat(MigrateCommand.run("--tenant-control-plane=ns/t")).isEqualTo(2);
    assertThat(
            MigrateCommand.run(
                "--tenant-control-plane=ns/t", "--target-datastore=x", "--timeout=soon"))
        .isEqualTo(2);
    assertThat(
            MigrateCommand.run(
                "--tenant-control-plane=ns/t", "--target-datastore=x", "--cleanup-prior=1"))
        .isEqualTo(2);
  }

  private static TenantControlPlane tcp(String dataStore, String schema) {
    return new TenantControlPlane()
        .status(
            new TenantControlPlaneStatus()
                .storage(
                    new StorageStatus()
                        .dataStoreName(dataStore)
                        .setup(schema == null ? null : new DataStoreSetupStatus().schema(schema))));
  }

  private static DataStore dataStore(String driver) {
    return new DataStore().spec(new DataStoreSpec().driver(driver));
  }

  @Test
  void onlyASetUpTenantMovesAndOnlyToAnotherDataStoreOfItsDriver() {
    TenantData data = TenantData.of(tcp("old", "ns_t"), "new");
    assertThat(data).isEqualTo(new TenantData("ns_t", "old"));
    data.checkDrivers(dataStore("etcd"), dataStore("etcd"));

    assertThatThrownBy(() -> data.checkDrivers(dataStore("etcd"), dataStore("PostgreSQL")))
        .hasMessageContaining("different drivers");
    assertThatThrownBy(() -> TenantData.of(tcp("old", "ns_t"), "old"))
        .hasMessageContaining("same DataStore");
    assertThatThrownBy(() -> TenantData.of(tcp("old", null), "new"))
        .hasMessageContaining("no storage set up");
    assertThatThrownBy(() -> TenantData.of(new TenantControlPlane(), "new"))
        .hasMessageContaining("no storage set up");
  }
}
