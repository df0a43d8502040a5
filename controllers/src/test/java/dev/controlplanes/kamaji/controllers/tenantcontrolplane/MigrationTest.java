package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSetupStatus;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesResourcesStatus;
import dev.controlplanes.kamaji.api.v1alpha1.KubernetesVersionStatus;
import dev.controlplanes.kamaji.api.v1alpha1.StorageStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneSpec;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneStatus;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.kube.FakeKubeClients;
import dev.controlplanes.kamaji.controllers.kube.FakeObjectClient;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import dev.controlplanes.kamaji.controllers.model.MigrationJob;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import dev.controlplanes.kamaji.controllers.resources.migration.MigrationCleanup;
import dev.controlplanes.kamaji.controllers.resources.migration.MigrationResource;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The migration part of a pass (Kamaji §4.1) over in-memory clients: the Job, the Migrating state,
 * the stop until the Job completes, the Job's removal once the tenant runs on the new DataStore,
 * and the deletion of a tenant whose migration had begun.
 */
class MigrationTest {

  private final FakeObjectClient<TenantControlPlane> tcps =
      new FakeObjectClient<>(TenantControlPlane.class);
  private final FakeObjectClient<DataStore> dataStores = new FakeObjectClient<>(DataStore.class);
  private final FakeObjectClient<V1Job> jobs = new FakeObjectClient<>(V1Job.class);
  private final KubeClients clients =
      FakeKubeClients.of(tcps, dataStores, new FakeObjectClient<>(V1Secret.class), jobs);
  private final List<String> passed = new ArrayList<>();
  private final List<String> teardowns = new ArrayList<>();
  private final List<TenantControlPlane> told = new ArrayList<>();

  private final TenantResources resources =
      new TenantResources() {
        @Override
        public List<ManagedResource<TenantControlPlane>> pipeline(TenantContext context) {
          MigrationResource migration = new MigrationResource(context);
          return List.of(
              migration, migration.gate(), recorder(context), new MigrationCleanup(context));
        }

        @Override
        public List<DeletableResource> deletable(TenantContext context) {
          return List.of(
              new DeletableResource() {
                @Override
                public String name() {
                  return "datastore-setup";
                }

                @Override
                public void delete(TenantControlPlane tcp) {
                  teardowns.add(context.dataStore().getMetadata().getName());
                }
              });
        }
      };

  private final TenantControlPlaneReconciler reconciler =
      new TenantControlPlaneReconciler(
          clients,
          new ObjectWriter(),
          ControllerOptions.defaults(),
          Clock.systemUTC(),
          resources,
          RenewalTimer.none(),
          told::add);

  /** Stands for the resources after the gate: records that the pass reached them. */
  private ManagedResource<TenantControlPlane> recorder(TenantContext context) {
    return new ManagedResource<>() {
      @Override
      public String name() {
        return "recorder";
      }

      @Override
      public dev.controlplanes.kamaji.controllers.kube.WriteResult createOrUpdate(
          TenantControlPlane tcp) {
        passed.add(context.dataStore().getMetadata().getName());
        return dev.controlplanes.kamaji.controllers.kube.WriteResult.UNCHANGED;
      }

      @Override
      public boolean shouldUpdateStatus(TenantControlPlane tcp) {
        return false;
      }

      @Override
      public void updateStatus(TenantControlPlane tcp) {}
    };
  }

  private void dataStore(String name, String driver) {
    dataStores.create(
        new DataStore()
            .metadata(new V1ObjectMeta().name(name).generation(1L))
            .spec(new DataStoreSpec().driver(driver).endpoints(List.of("127.0.0.1:2379")))
            .status(new DataStoreStatus().ready(true)));
    dataStores.sync();
  }

  /** A Ready tenant whose data is on {@code recorded} and whose spec names {@code wanted}. */
  private TenantControlPlane tcp(String recorded, String wanted, Map<String, String> annotations) {
    return tcps.create(
        new TenantControlPlane()
            .metadata(
                new V1ObjectMeta()
                    .namespace("ns")
                    .name("t")
                    .uid("u-1")
                    .generation(3L)
                    .annotations(annotations)
                    .finalizers(List.of(TenantControlPlaneReconciler.FINALIZER)))
            .spec(new TenantControlPlaneSpec().dataStore(wanted))
            .status(
                new TenantControlPlaneStatus()
                    .storage(
                        new StorageStatus()
                            .dataStoreName(recorded)
                            .driver("etcd")
                            .setup(new DataStoreSetupStatus().schema("ns_t").user("ns_t")))
                    .kubernetesResources(
                        new KubernetesResourcesStatus()
                            .version(
                                new KubernetesVersionStatus()
                                    .status(VersionState.READY)
                                    .version("v1.34.0")))));
  }

  private Result reconcile() {
    return reconciler.reconcile(new Request("ns", "t"));
  }

  private String state() {
    return VersionStatus.stored(tcps.stored.get("ns/t"));
  }

  private void jobCompletes() {
    V1Job job = jobs.stored.get("kamaji-system/migrate-u-1");
    job.status(
        new V1JobStatus()
            .conditions(List.of(new V1JobCondition().type("Complete").status("True"))));
    jobs.sync();
  }

  @Test
  void anotherDataStoreInTheSpecStartsTheJobAndStopsThePassWhileMigrating() {
    dataStore("old", "etcd");
    dataStore("new", "etcd");
    tcp("old", "new", Map.of(MigrationJob.TIMEOUT_ANNOTATION, "10m"));

    assertThat(reconcile()).isEqualTo(new Result(true, Duration.ofSeconds(10)));

    V1Job job = jobs.stored.get("kamaji-system/migrate-u-1");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("tcp.kamaji.clastix.io/name", "t")
        .containsEntry("tcp.kamaji.clastix.io/namespace", "ns")
        .containsEntry("kamaji.clastix.io/component", "migrate");
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("kamaji-api");
    assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
    assertThat(pod.getContainers().get(0).getArgs())
        .containsExactly(
            "migrate",
            "--tenant-control-plane=ns/t",
            "--target-datastore=new",
            "--cleanup-prior-migration=false",
            "--timeout=10m");
    assertThat(state()).isEqualTo(VersionState.MIGRATING);
    assertThat(passed).isEmpty();
    // The tenant side hears of the Migrating state although the pass stopped.
    assertThat(told).hasSize(1);
    assertThat(VersionStatus.stored(told.get(0))).isEqualTo(VersionState.MIGRATING);

    // Until the Job completes, passes create nothing more and still stop.
    jobs.sync();
    int writes = jobs.writes.size();
    assertThat(reconcile()).isEqualTo(new Result(true, Duration.ofSeconds(10)));
    assertThat(jobs.writes).hasSize(writes);
    assertThat(passed).isEmpty();

    jobCompletes();
    assertThat(reconcile()).isEqualTo(new Result(false));
    assertThat(passed).containsExactly("new");
    // The Job stays while the status still records the old DataStore.
    assertThat(jobs.stored).containsKey("kamaji-system/migrate-u-1");
  }

  @Test
  void aJobForAnEarlierTargetIsReplacedEvenWhenItHasCompleted() {
    dataStore("old", "etcd");
    dataStore("new", "etcd");
    dataStore("newer", "etcd");
    tcp("old", "new", null);
    assertThat(reconcile()).isEqualTo(new Result(true, Duration.ofSeconds(10)));
    jobCompletes();
    // Before the pass that would move the tenant to "new", its spec names "newer".
    TenantControlPlane tcp = tcps.stored.get("ns/t");
    tcp.getSpec().setDataStore("newer");
    tcps.stored.put("ns/t", tcp);

    assertThat(reconcile()).isEqualTo(new Result(true, Duration.ofSeconds(10)));
    assertThat(jobs.stored).isEmpty();
    assertThat(passed).isEmpty();

    jobs.sync();
    assertThat(reconcile()).isEqualTo(new Result(true, Duration.ofSeconds(10)));
    assertThat(
            jobs.stored
                .get("kamaji-system/migrate-u-1")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs())
        .contains("--target-datastore=newer");
    assertThat(state()).isEqualTo(VersionState.MIGRATING);
    assertThat(passed).isEmpty();
  }

  @Test
  void theJobGoesOnceTheTenantRunsOnTheNewDataStore() {
    dataStore("new", "etcd");
    tcp("new", "new", null);
    jobs.create(
        MigrationJob.build(
            tcps.stored.get("ns/t"), "new", ControllerOptions.defaults().migration()));
    jobs.sync();

    assertThat(reconcile()).isEqualTo(new Result(false));

    assertThat(jobs.stored).isEmpty();
    assertThat(jobs.writes)
        .containsExactly("create kamaji-system/migrate-u-1", "delete kamaji-system/migrate-u-1");
  }

  @Test
  void aTenantNeverSetUpIsProvisionedOnTheNewDataStoreWithoutAJob() {
    dataStore("old", "etcd");
    dataStore("new", "etcd");
    TenantControlPlane tcp = tcp("old", "new", null);
    tcp.getStatus().getStorage().setSetup(null);
    tcps.stored.put("ns/t", tcp);

    assertThat(reconcile()).isEqualTo(new Result(false));

    assertThat(jobs.stored).isEmpty();
    assertThat(passed).containsExactly("new");
    assertThat(state()).isEqualTo(VersionState.READY);
  }

  @Test
  void aDataStoreOfAnotherDriverIsNotMigratedTo() {
    dataStore("old", "etcd");
    dataStore("pg", "PostgreSQL");
    tcp("old", "pg", null);

    Result result = reconcile();

    assertThat(result).isEqualTo(new Result(true, Duration.ofSeconds(10)));
    assertThat(jobs.stored).isEmpty();
    assertThat(state()).isEqualTo(VersionState.READY);
    assertThat(passed).isEmpty();
  }

  @Test
  void deletingATenantWhoseMigrationBeganTearsDownBothDataStoresAndRemovesTheJob() {
    dataStore("old", "etcd");
    dataStore("new", "etcd");
    TenantControlPlane tcp = tcp("old", "new", null);
    jobs.create(MigrationJob.build(tcp, "new", ControllerOptions.defaults().migration()));
    jobs.sync();
    tcp.getMetadata().setDeletionTimestamp(OffsetDateTime.now());
    tcps.stored.put("ns/t", tcp);

    assertThat(reconcile()).isEqualTo(new Result(false));

    assertThat(teardowns).containsExactly("old", "new");
    assertThat(jobs.stored).isEmpty();
    assertThat(tcps.stored.get("ns/t").getMetadata().getFinalizers()).isEmpty();
  }
}
