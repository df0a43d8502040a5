package dev.controlplanes.kamaji.controllers.tenantcontrolplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreSpec;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreStatus;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneSpec;
import dev.controlplanes.kamaji.api.v1alpha1.VersionState;
import dev.controlplanes.kamaji.controllers.ControllerOptions;
import dev.controlplanes.kamaji.controllers.kube.FakeKubeClients;
import dev.controlplanes.kamaji.controllers.kube.FakeObjectClient;
import dev.controlplanes.kamaji.controllers.kube.KubeClients;
import dev.controlplanes.kamaji.controllers.kube.ObjectWriter;
import dev.controlplanes.kamaji.controllers.pki.Pem;
import dev.controlplanes.kamaji.controllers.pki.PkiSecret;
import dev.controlplanes.kamaji.controllers.pki.TenantCertificates;
import dev.controlplanes.kamaji.controllers.pki.TenantPkiParameters;
import dev.controlplanes.kamaji.controllers.resources.ManagedResource;
import dev.controlplanes.kamaji.controllers.resources.TenantContext;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconciler's own decisions, over in-memory clients and an empty resource list. */
class TenantControlPlaneReconcilerTest {

  private final FakeObjectClient<TenantControlPlane> tcps =
      new FakeObjectClient<>(TenantControlPlane.class);
  private final FakeObjectClient<DataStore> dataStores = new FakeObjectClient<>(DataStore.class);
  private final FakeObjectClient<V1Secret> secrets = new FakeObjectClient<>(V1Secret.class);
  private final KubeClients clients =
      FakeKubeClients.of(
          tcps,
          dataStores,
          secrets,
          new FakeObjectClient<>(io.kubernetes.client.openapi.models.V1Job.class));
  private final List<String> teardowns = new ArrayList<>();

  private final TenantResources resources =
      new TenantResources() {
        @Override
        public List<ManagedResource<TenantControlPlane>> pipeline(TenantContext context) {
          return List.of();
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
                  teardowns.add(tcp.getMetadata().getName());
                }
              });
        }
      };

  private final TenantControlPlaneReconciler reconciler =
      new TenantControlPlaneReconciler(
          clients, new ObjectWriter(), ControllerOptions.defaults(), Clock.systemUTC(), resources);

  private void dataStore(boolean ready) {
    dataStores.create(
        new DataStore()
            .metadata(new V1ObjectMeta().name("default").generation(1L))
            .spec(new DataStoreSpec().driver("etcd").endpoints(List.of("127.0.0.1:2379")))
            .status(new DataStoreStatus().ready(ready)));
    dataStores.sync();
  }

  private TenantControlPlane tcp(Map<String, String> annotations, List<String> finalizers) {
    return tcps.create(
        new TenantControlPlane()
            .metadata(
                new V1ObjectMeta()
                    .namespace("ns")
                    .name("t")
                    .uid("u-1")
                    .generation(3L)
                    .annotations(annotations)
                    .finalizers(finalizers))
            .spec(new TenantControlPlaneSpec()));
  }

  private Result reconcile() {
    return reconciler.reconcile(new Request("ns", "t"));
  }

  @Test
  void aMissingTenantIsDone() {
    assertThat(reconcile()).isEqualTo(new Result(false));
  }

  @Test
  void aPausedTenantIsLeftAlone() {
    dataStore(true);
    tcp(Map.of(TenantControlPlaneReconciler.PAUSED, ""), null);

    assertThat(reconcile()).isEqualTo(new Result(false));
    assertThat(tcps.writes).containsExactly("create ns/t");
  }

  @Test
  void aDataStoreThatIsNotReadyRequeuesAfterOneSecond() {
    dataStore(false);
    tcp(null, null);

    assertThat(reconcile()).isEqualTo(new Result(true, Duration.ofSeconds(1)));
    assertThat(tcps.writes).containsExactly("create ns/t");
  }

  @Test
  void aFullPassRecordsProvisioningTheDataStoreAndTheGenerationThenWritesNothing() {
    dataStore(true);
    tcp(null, null);

    assertThat(reconcile()).isEqualTo(new Result(false));
    TenantControlPlane stored = tcps.stored.get("ns/t");
    assertThat(stored.getStatus().getKubernetesResources().getVersion().getStatus())
        .isEqualTo(VersionState.PROVISIONING);
    assertThat(stored.getStatus().getStorage().getDataStoreName()).isEqualTo("default");
    assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(3L);
    int writes = tcps.writes.size();

    assertThat(reconcile()).isEqualTo(new Result(false));
    assertThat(tcps.writes).hasSize(writes);
  }

  @Test
  void deletionTearsTheDatastoreDownThenReleasesBothFinalizers() {
    dataStore(true);
    TenantControlPlane tcp = tcp(null, List.of(TenantControlPlaneReconciler.FINALIZER, "other"));
    tcp.getMetadata().setDeletionTimestamp(OffsetDateTime.now());
    tcps.stored.put("ns/t", tcp);
    secrets.create(
        new V1Secret()
            .metadata(
                new V1ObjectMeta()
                    .namespace("ns")
                    .name("t-datastore-config")
                    .finalizers(List.of(TenantControlPlaneReconciler.DATASTORE_SECRET_FINALIZER))));

    assertThat(reconcile()).isEqualTo(new Result(false));

    assertThat(teardowns).containsExactly("t");
    assertThat(tcps.stored.get("ns/t").getMetadata().getFinalizers()).containsExactly("other");
    assertThat(secrets.stored.get("ns/t-datastore-config").getMetadata().getFinalizers()).isEmpty();
  }

  @Test
  void aConvergedPassRequeuesExactlyWhenTheEarliestCertificateEntersTheDeadline() {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    List<String> scheduled = new ArrayList<>();
    List<TenantControlPlane> told = new ArrayList<>();
    TenantControlPlaneReconciler timed =
        new TenantControlPlaneReconciler(
            clients,
            new ObjectWriter(),
            ControllerOptions.defaults(),
            clock,
            resources,
            new RenewalTimer(clock, (request, delay) -> scheduled.add(request + " " + delay)),
            told::add);
    dataStore(true);
    tcp(null, null);
    // An API server certificate issued 300 days ago: one year of validity, 24 h of deadline.
    Clock issued = Clock.fixed(now.minus(Duration.ofDays(300)), ZoneOffset.UTC);
    Map<String, byte[]> apiServer =
        new TenantCertificates(
                TenantPkiParameters.of(
                        "t", "ns", "cluster.local", List.of("10.96.0.0/16"), "127.0.0.1", 6443)
                    .withClock(issued))
            .issueAll().stream()
                .filter(c -> c.secret() == PkiSecret.API_SERVER)
                .findFirst()
                .orElseThrow()
                .data();
    secrets.create(
        new V1Secret()
            .metadata(new V1ObjectMeta().namespace("ns").name("t-api-server-certificate"))
            .data(apiServer));
    secrets.sync();
    Instant notAfter =
        Pem.decodeCertificate(apiServer.get("apiserver.crt")).getNotAfter().toInstant();

    assertThat(timed.reconcile(new Request("ns", "t"))).isEqualTo(new Result(false));

    Duration expected = Duration.between(now, notAfter.minus(Duration.ofHours(24)));
    assertThat(expected).isBetween(Duration.ofDays(63), Duration.ofDays(66));
    assertThat(scheduled).containsExactly(new Request("ns", "t") + " " + expected);
    assertThat(told).hasSize(1);

    // A second pass finds the same moment already pending: no second delayed entry.
    timed.reconcile(new Request("ns", "t"));
    assertThat(scheduled).hasSize(1);
  }
}
