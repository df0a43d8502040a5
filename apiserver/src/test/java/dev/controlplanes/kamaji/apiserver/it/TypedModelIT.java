package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.controlplanes.kamaji.api.v1alpha1.DataStore;
import dev.controlplanes.kamaji.api.v1alpha1.DataStoreList;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlaneList;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.ClientCertificateAuthentication;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The typed model ({@code api.v1alpha1}) with client-java's GenericKubernetesApi and a shared
 * informer against the server, the way the embedded controllers use it.
 */
class TypedModelIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "typed";

  private static GenericKubernetesApi<TenantControlPlane, TenantControlPlaneList> tcps;
  private static GenericKubernetesApi<DataStore, DataStoreList> dataStores;
  private static SharedInformerFactory factory;
  private static SharedIndexInformer<TenantControlPlane> informer;
  private static final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
    ApiClient client =
        new ClientBuilder()
            .setBasePath(api.url())
            .setCertificateAuthority(api.servingCaPem().getBytes(StandardCharsets.US_ASCII))
            .setVerifyingSsl(true)
            .setAuthentication(
                new ClientCertificateAuthentication(
                    api.admin().chainPem().getBytes(StandardCharsets.US_ASCII),
                    api.admin().privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
            .setReadTimeout(Duration.ZERO)
            .build();
    tcps =
        new GenericKubernetesApi<>(
            TenantControlPlane.class,
            TenantControlPlaneList.class,
            TenantControlPlane.GROUP,
            TenantControlPlane.VERSION,
            TenantControlPlane.PLURAL,
            client);
    dataStores =
        new GenericKubernetesApi<>(
            DataStore.class,
            DataStoreList.class,
            DataStore.GROUP,
            DataStore.VERSION,
            DataStore.PLURAL,
            client);
    factory = new SharedInformerFactory(client);
    informer = factory.sharedIndexInformerFor(tcps, TenantControlPlane.class, 0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(TenantControlPlane obj) {
            events.add("ADD " + obj.getMetadata().getName());
          }

          @Override
          public void onUpdate(TenantControlPlane oldObj, TenantControlPlane newObj) {
            events.add("UPDATE " + newObj.getMetadata().getName());
          }

          @Override
          public void onDelete(TenantControlPlane obj, boolean unknown) {
            events.add("DELETE " + obj.getMetadata().getName());
          }
        });
    factory.startAllRegisteredInformers();
    await().atMost(Duration.ofSeconds(20)).until(informer::hasSynced);
  }

  @AfterAll
  static void stop() {
    if (factory != null) {
      factory.stopAllRegisteredInformers();
    }
  }

  @Test
  void crudAndInformerWithTypedTenantControlPlanes() {
    TenantControlPlane sample =
        JSON.deserialize(Samples.tcp(NS, "typed-a").toString(), TenantControlPlane.class);
    TenantControlPlane created = ok(tcps.create(sample));
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    // server-side defaults arrive in the typed fields
    assertThat(created.getSpec().getControlPlane().getDeployment().getReplicas()).isNotNull();
    assertThat(created.getSpec().getNetworkProfile().getPort()).isEqualTo(6443);
    assertThat(created.getSpec().getDataStoreSchema()).isEqualTo(created.getMetadata().getUid());
    assertThat(created.getSpec().getKubernetes().getAdmissionControllers()).isNotEmpty();

    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADD typed-a"));
    TenantControlPlane cached = informer.getIndexer().getByKey(NS + "/typed-a");
    assertThat(cached).isEqualTo(created);

    TenantControlPlane fetched = ok(tcps.get(NS, "typed-a"));
    fetched.getMetadata().putLabelsItem("typed", "yes");
    fetched.getSpec().getControlPlane().getDeployment().setReplicas(3);
    TenantControlPlane updated = ok(tcps.update(fetched));
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              TenantControlPlane c = informer.getIndexer().getByKey(NS + "/typed-a");
              return c != null
                  && Integer.valueOf(3)
                      .equals(c.getSpec().getControlPlane().getDeployment().getReplicas());
            });

    TenantControlPlaneList list = ok(tcps.list(NS));
    assertThat(list.getItems()).extracting(t -> t.getMetadata().getName()).contains("typed-a");
    assertThat(list.getMetadata().getResourceVersion()).isNotEmpty();

    ok(tcps.delete(NS, "typed-a"));
    await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("DELETE typed-a"));
  }

  @Test
  void typedDataStores() {
    DataStore ds = JSON.deserialize(Samples.dataStore("typed-ds").toString(), DataStore.class);
    DataStore created = ok(dataStores.create(ds));
    assertThat(created.getSpec().getDriver()).isEqualTo("etcd");
    assertThat(created.getSpec().getTlsConfig().getCertificateAuthority()).isNotNull();
    assertThat(ok(dataStores.list()).getItems())
        .extracting(d -> d.getMetadata().getName())
        .contains("default", "typed-ds");
    ok(dataStores.delete("typed-ds"));
  }

  private static <T extends io.kubernetes.client.common.KubernetesType> T ok(
      KubernetesApiResponse<T> response) {
    if (!response.isSuccess()) {
      throw new AssertionError(
          "HTTP " + response.getHttpStatusCode() + ": " + response.getStatus());
    }
    return response.getObject();
  }
}
