package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.credentials.ClientCertificateAuthentication;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client-java (the library our embedded controllers use) against the server: shared informers on
 * both kinds see adds, updates and deletes, and the generic API does CRUD.
 */
class InformerIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "informer";

  private static ApiClient apiClient;
  // SharedInformerFactory keeps one informer per Java type, and both kinds are
  // DynamicKubernetesObject: one factory each
  private static SharedInformerFactory tcpFactory;
  private static SharedInformerFactory dataStoreFactory;
  private static DynamicKubernetesApi tcps;
  private static DynamicKubernetesApi dataStores;
  private static final List<String> tcpEvents = new CopyOnWriteArrayList<>();
  private static final List<String> dataStoreEvents = new CopyOnWriteArrayList<>();
  private static SharedIndexInformer<DynamicKubernetesObject> tcpInformer;
  private static SharedIndexInformer<DynamicKubernetesObject> dataStoreInformer;

  @BeforeAll
  static void start() throws Exception {
    RestClient rest = RestClient.admin(api);
    Samples.ensureDefaultDataStore(rest);
    // present before the informers start: must arrive through their initial list
    rest.post(Samples.tcps(NS), Samples.tcp(NS, "existing").toString()).expect(201);

    apiClient =
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
        new DynamicKubernetesApi("kamaji.clastix.io", "v1alpha1", "tenantcontrolplanes", apiClient);
    dataStores = new DynamicKubernetesApi("kamaji.clastix.io", "v1alpha1", "datastores", apiClient);

    tcpFactory = new SharedInformerFactory(apiClient);
    dataStoreFactory = new SharedInformerFactory(apiClient);
    tcpInformer = tcpFactory.sharedIndexInformerFor(tcps, DynamicKubernetesObject.class, 0);
    dataStoreInformer =
        dataStoreFactory.sharedIndexInformerFor(dataStores, DynamicKubernetesObject.class, 0);
    tcpInformer.addEventHandler(recorder(tcpEvents));
    dataStoreInformer.addEventHandler(recorder(dataStoreEvents));
    tcpFactory.startAllRegisteredInformers();
    dataStoreFactory.startAllRegisteredInformers();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> tcpInformer.hasSynced() && dataStoreInformer.hasSynced());
  }

  @AfterAll
  static void stop() {
    for (SharedInformerFactory factory :
        new SharedInformerFactory[] {tcpFactory, dataStoreFactory}) {
      if (factory != null) {
        factory.stopAllRegisteredInformers();
      }
    }
  }

  private static ResourceEventHandler<DynamicKubernetesObject> recorder(List<String> events) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(DynamicKubernetesObject obj) {
        events.add("ADD " + key(obj));
      }

      @Override
      public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
        if (!oldObj
            .getMetadata()
            .getResourceVersion()
            .equals(newObj.getMetadata().getResourceVersion())) {
          events.add("UPDATE " + key(newObj) + " " + labels(newObj));
        }
      }

      @Override
      public void onDelete(DynamicKubernetesObject obj, boolean deletedFinalStateUnknown) {
        events.add("DELETE " + key(obj) + (deletedFinalStateUnknown ? " (unknown)" : ""));
      }
    };
  }

  private static String key(DynamicKubernetesObject obj) {
    String ns = obj.getMetadata().getNamespace();
    return (ns == null ? "" : ns + "/") + obj.getMetadata().getName();
  }

  private static String labels(DynamicKubernetesObject obj) {
    return String.valueOf(obj.getMetadata().getLabels());
  }

  private static <T extends io.kubernetes.client.common.KubernetesType> T ok(
      KubernetesApiResponse<T> response) {
    if (!response.isSuccess()) {
      throw new AssertionError(
          "HTTP " + response.getHttpStatusCode() + ": " + response.getStatus());
    }
    return response.getObject();
  }

  private static DynamicKubernetesObject dynamic(JsonObject json) {
    return new DynamicKubernetesObject(json);
  }

  @Test
  void tenantControlPlaneInformerSeesAddsUpdatesAndDeletes() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> tcpEvents.contains("ADD informer/existing"));
    assertThat(tcpInformer.getIndexer().getByKey(NS + "/existing")).isNotNull();

    DynamicKubernetesObject created = ok(tcps.create(dynamic(Samples.tcp(NS, "via-client"))));
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tcpEvents.contains("ADD informer/via-client"));

    DynamicKubernetesObject fetched = ok(tcps.get(NS, "via-client"));
    V1ObjectMeta meta = fetched.getMetadata();
    meta.putLabelsItem("updated", "put");
    fetched.setMetadata(meta);
    DynamicKubernetesObject updated = ok(tcps.update(fetched));
    assertThat(updated.getMetadata().getResourceVersion())
        .isNotEqualTo(created.getMetadata().getResourceVersion());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                tcpEvents.stream()
                    .anyMatch(
                        e ->
                            e.startsWith("UPDATE informer/via-client")
                                && e.contains("updated=put")));

    // a status write the way a client-java controller can do it: merge patch on /status.
    // (GenericKubernetesApi.updateStatus sends its JSON patch as application/json, which kube
    // and this server answer with 415.)
    Object status =
        PatchUtils.patch(
            Object.class,
            () ->
                new CustomObjectsApi(apiClient)
                    .patchNamespacedCustomObjectStatus(
                        "kamaji.clastix.io",
                        "v1alpha1",
                        NS,
                        "tenantcontrolplanes",
                        "via-client",
                        new V1Patch("{\"status\":{\"controlPlaneEndpoint\":\"10.0.0.9:6443\"}}"))
                    .buildCall(null),
            V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
            apiClient);
    assertThat(status.toString()).contains("10.0.0.9:6443");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              DynamicKubernetesObject cached =
                  tcpInformer.getIndexer().getByKey(NS + "/via-client");
              return cached.getRaw().has("status");
            });

    ok(
        tcps.patch(
            NS,
            "via-client",
            V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
            new V1Patch("{\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tcpEvents.stream().anyMatch(e -> e.contains("patched=yes")));
    assertThat(tcpInformer.getIndexer().getByKey(NS + "/via-client").getMetadata().getLabels())
        .containsEntry("patched", "yes");

    // the informer's list and watch went to the all-namespaces path and share one cache
    ok(tcps.create(dynamic(Samples.tcp("informer-other", "elsewhere"))));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tcpEvents.contains("ADD informer-other/elsewhere"));

    KubernetesApiResponse<DynamicKubernetesObject> deleted = tcps.delete(NS, "via-client");
    assertThat(deleted.getHttpStatusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> tcpEvents.contains("DELETE informer/via-client"));
    assertThat(tcpInformer.getIndexer().getByKey(NS + "/via-client")).isNull();
  }

  @Test
  void dataStoreInformerSeesAddsUpdatesAndDeletes() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> dataStoreEvents.contains("ADD default"));

    ok(dataStores.create(dynamic(Samples.dataStore("informed"))));
    await().atMost(Duration.ofSeconds(10)).until(() -> dataStoreEvents.contains("ADD informed"));

    ok(
        dataStores.patch(
            "informed",
            V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
            new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                dataStoreEvents.stream()
                    .anyMatch(e -> e.startsWith("UPDATE informed") && e.contains("tier=gold")));

    // status through the status subresource, as the DataStore controller writes it
    PatchUtils.patch(
        Object.class,
        () ->
            new CustomObjectsApi(apiClient)
                .patchClusterCustomObjectStatus(
                    "kamaji.clastix.io",
                    "v1alpha1",
                    "datastores",
                    "informed",
                    new V1Patch("{\"status\":{\"ready\":true}}"))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        apiClient);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              DynamicKubernetesObject cached = dataStoreInformer.getIndexer().getByKey("informed");
              return cached != null
                  && cached.getRaw().has("status")
                  && cached.getRaw().getAsJsonObject("status").get("ready").getAsBoolean();
            });

    ok(dataStores.delete("informed"));
    await().atMost(Duration.ofSeconds(10)).until(() -> dataStoreEvents.contains("DELETE informed"));
  }

  @Test
  void genericApiListsAndReportsErrors() {
    DynamicKubernetesListObject list = ok(tcps.list(NS));
    assertThat(list.getItems()).extracting(o -> o.getMetadata().getName()).contains("existing");
    assertThat(list.getMetadata().getResourceVersion()).isNotEmpty();

    KubernetesApiResponse<DynamicKubernetesObject> missing = tcps.get(NS, "nope");
    assertThat(missing.getHttpStatusCode()).isEqualTo(404);
    assertThat(missing.getStatus().getReason()).isEqualTo("NotFound");

    KubernetesApiResponse<DynamicKubernetesObject> exists =
        tcps.create(dynamic(Samples.tcp(NS, "existing")));
    assertThat(exists.getHttpStatusCode()).isEqualTo(409);
    assertThat(exists.getStatus().getReason()).isEqualTo("AlreadyExists");
  }
}
