package dev.controlplanes.kamaji.apiserver.it;

import static dev.controlplanes.kamaji.apiserver.testing.Json.rv;
import static dev.controlplanes.kamaji.apiserver.testing.Json.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.Json;
import dev.controlplanes.kamaji.apiserver.testing.RestClient;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Optimistic concurrency under concurrent writers: no lost update, no double create. */
class ConcurrencyIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String NS = "concurrency";
  private static final int WRITERS = 6;
  private static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    Samples.ensureDefaultDataStore(RestClient.admin(api));
    pool = Executors.newFixedThreadPool(WRITERS);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  private static <T> List<T> runTogether(int n, Callable<T> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void readModifyWriteWithRetryLosesNoUpdate() throws Exception {
    String path = Samples.tcpPath(NS, "counter");
    JsonObject tcp = Samples.tcp(NS, "counter");
    tcp.getAsJsonObject("metadata").add("annotations", Json.parse("{\"count\":\"0\"}"));
    RestClient.admin(api).post(Samples.tcps(NS), tcp.toString()).expect(201);

    int increments = 8;
    AtomicInteger conflicts = new AtomicInteger();
    runTogether(
        WRITERS,
        () -> {
          RestClient client = RestClient.admin(api);
          for (int i = 0; i < increments; i++) {
            while (true) {
              JsonObject current = client.get(path).expect(200).json();
              JsonObject annotations =
                  current.getAsJsonObject("metadata").getAsJsonObject("annotations");
              int count = Integer.parseInt(annotations.get("count").getAsString());
              annotations.addProperty("count", Integer.toString(count + 1));
              RestClient.Response r = client.put(path, current.toString());
              if (r.status() == 200) {
                break;
              }
              assertThat(r.status()).as(r.body()).isEqualTo(409);
              assertThat(string(r.json(), "reason")).isEqualTo("Conflict");
              conflicts.incrementAndGet();
            }
          }
          return null;
        });

    JsonObject result = RestClient.admin(api).get(path).expect(200).json();
    assertThat(string(result, "metadata.annotations.count"))
        .isEqualTo(Integer.toString(WRITERS * increments));
    // annotations are metadata: no generation bump
    assertThat(result.getAsJsonObject("metadata").get("generation").getAsLong()).isEqualTo(1);
    assertThat(conflicts.get()).as("writers really raced").isPositive();
  }

  @Test
  void concurrentPatchesWithoutResourceVersionAllApply() throws Exception {
    String path = Samples.tcpPath(NS, "labels");
    RestClient.admin(api).post(Samples.tcps(NS), Samples.tcp(NS, "labels").toString()).expect(201);
    AtomicInteger next = new AtomicInteger();
    List<String> rvs =
        runTogether(
            WRITERS,
            () -> {
              RestClient client = RestClient.admin(api);
              int me = next.getAndIncrement();
              String last = null;
              for (int i = 0; i < 5; i++) {
                last =
                    rv(
                        client
                            .patch(
                                path,
                                "application/merge-patch+json",
                                "{\"metadata\":{\"labels\":{\"w" + me + "-" + i + "\":\"x\"}}}")
                            .expect(200)
                            .json());
              }
              return last;
            });
    JsonObject result = RestClient.admin(api).get(path).expect(200).json();
    Set<String> labels = result.getAsJsonObject("metadata").getAsJsonObject("labels").keySet();
    for (int w = 0; w < WRITERS; w++) {
      for (int i = 0; i < 5; i++) {
        assertThat(labels).contains("w" + w + "-" + i);
      }
    }
    assertThat(new HashSet<>(rvs)).hasSize(WRITERS);
  }

  @Test
  void concurrentCreatesOfOneNameMakeOneObject() throws Exception {
    List<Integer> codes =
        runTogether(
            WRITERS,
            () ->
                RestClient.admin(api)
                    .post(Samples.tcps(NS), Samples.tcp(NS, "once").toString())
                    .status());
    assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(1);
    assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(WRITERS - 1);
  }

  @Test
  void concurrentAppliesOfDifferentFieldsMerge() throws Exception {
    String path = Samples.tcpPath(NS, "applied");
    RestClient.admin(api)
        .patch(
            path + "?fieldManager=base",
            "application/apply-patch+yaml",
            "apiVersion: kamaji.clastix.io/v1alpha1\nkind: TenantControlPlane\n"
                + "metadata: {name: applied, namespace: "
                + NS
                + "}\n"
                + "spec:\n  controlPlane: {service: {serviceType: ClusterIP}}\n"
                + "  kubernetes: {version: v1.35.7, kubelet: {cgroupfs: systemd}}\n")
        .expect(201);
    AtomicInteger next = new AtomicInteger();
    runTogether(
        WRITERS,
        () -> {
          int me = next.getAndIncrement();
          RestClient.admin(api)
              .patch(
                  path + "?fieldManager=m" + me,
                  "application/apply-patch+yaml",
                  "apiVersion: kamaji.clastix.io/v1alpha1\nkind: TenantControlPlane\n"
                      + "metadata: {name: applied, namespace: "
                      + NS
                      + ", labels: {m"
                      + me
                      + ": applied}}\n")
              .expect(200);
          return null;
        });
    JsonObject result = RestClient.admin(api).get(path).expect(200).json();
    for (int m = 0; m < WRITERS; m++) {
      assertThat(string(result, "metadata.labels.m" + m)).isEqualTo("applied");
      assertThat(CrudIT.managedEntry(result, "m" + m)).isNotNull();
    }
    assertThat(string(result, "spec.kubernetes.version")).isEqualTo("v1.35.7");
  }
}
