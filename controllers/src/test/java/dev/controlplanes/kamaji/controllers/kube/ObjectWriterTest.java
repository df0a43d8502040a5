package dev.controlplanes.kamaji.controllers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.controlplanes.kamaji.controllers.errors.ConflictException;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectWriterTest {

  private final ObjectWriter writer = new ObjectWriter();
  private final FakeObjectClient<V1ConfigMap> configMaps =
      new FakeObjectClient<>(V1ConfigMap.class);

  private static V1ConfigMap configMap(String value) {
    return new V1ConfigMap()
        .apiVersion("v1")
        .kind("ConfigMap")
        .metadata(
            new V1ObjectMeta()
                .namespace("ns")
                .name("tcp-kubeadmconfig")
                .labels(Map.of("kamaji.clastix.io/name", "tcp"))
                .ownerReferences(
                    List.of(
                        new V1OwnerReference()
                            .apiVersion("kamaji.clastix.io/v1alpha1")
                            .kind("TenantControlPlane")
                            .name("tcp")
                            .uid("u-1")
                            .controller(true)
                            .blockOwnerDeletion(true))))
        .data(Map.of("ClusterConfiguration", value));
  }

  @Test
  void createsWithAChecksumThenWritesNothingOnceConverged() {
    Applied<V1ConfigMap> first =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);
    assertThat(first.result()).isEqualTo(WriteResult.CREATED);
    assertThat(first.object().getMetadata().getAnnotations())
        .containsKey(ObjectWriter.CHECKSUM_ANNOTATION);
    configMaps.sync();

    Applied<V1ConfigMap> second =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);

    assertThat(second.result()).isEqualTo(WriteResult.UNCHANGED);
    assertThat(configMaps.writes).containsExactly("create ns/tcp-kubeadmconfig");
  }

  @Test
  void aStaleCacheCostsAFailedCreateButNoWrite() {
    writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);
    // the informer has not seen the create yet

    Applied<V1ConfigMap> again =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);

    assertThat(again.result()).isEqualTo(WriteResult.UNCHANGED);
    assertThat(configMaps.writes).hasSize(1);
  }

  @Test
  void aChangedDesiredStateUpdatesAndKeepsForeignLabels() {
    writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);
    configMaps.stored.get("ns/tcp-kubeadmconfig").getMetadata().putLabelsItem("team", "blue");
    configMaps.sync();

    Applied<V1ConfigMap> updated =
        writer.createOrUpdate(configMaps, configMap("b"), V1ConfigMap.class);

    assertThat(updated.result()).isEqualTo(WriteResult.UPDATED);
    V1ConfigMap stored = configMaps.stored.get("ns/tcp-kubeadmconfig");
    assertThat(stored.getData()).containsEntry("ClusterConfiguration", "b");
    assertThat(stored.getMetadata().getLabels())
        .containsEntry("team", "blue")
        .containsEntry("kamaji.clastix.io/name", "tcp");
  }

  @Test
  void contentEditedBehindTheChecksumIsRepaired() {
    writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);
    configMaps.stored.get("ns/tcp-kubeadmconfig").setData(Map.of("ClusterConfiguration", "edited"));
    configMaps.sync();

    Applied<V1ConfigMap> repaired =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);

    assertThat(repaired.result()).isEqualTo(WriteResult.UPDATED);
    assertThat(configMaps.stored.get("ns/tcp-kubeadmconfig").getData())
        .containsEntry("ClusterConfiguration", "a");
  }

  @Test
  void conflictsAreRetriedAgainstFreshReads() {
    writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);
    configMaps.sync();
    configMaps.conflictsToInject = 2;

    Applied<V1ConfigMap> updated =
        writer.createOrUpdate(configMaps, configMap("b"), V1ConfigMap.class);

    assertThat(updated.result()).isEqualTo(WriteResult.UPDATED);
  }

  @Test
  void endlessConflictsBecomeARequeue() {
    writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);
    configMaps.sync();
    configMaps.conflictsToInject = ObjectWriter.ATTEMPTS;

    assertThatThrownBy(() -> writer.createOrUpdate(configMaps, configMap("b"), V1ConfigMap.class))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void fieldsTheServerAddsDoNotCountAsDrift() {
    FakeObjectClient<V1Service> services = new FakeObjectClient<>(V1Service.class);
    V1Service desired =
        new V1Service()
            .apiVersion("v1")
            .kind("Service")
            .metadata(new V1ObjectMeta().namespace("ns").name("tcp"))
            .spec(
                new V1ServiceSpec()
                    .type("NodePort")
                    .selector(Map.of("kamaji.clastix.io/name", "tcp"))
                    .ports(
                        List.of(
                            new V1ServicePort()
                                .name("kube-apiserver")
                                .port(6443)
                                .targetPort(new IntOrString(6443)))));
    writer.createOrUpdate(services, desired, V1Service.class);
    V1Service stored = services.stored.get("ns/tcp");
    stored.getSpec().clusterIP("10.0.0.7").getPorts().get(0).protocol("TCP").nodePort(31443);
    services.sync();

    Applied<V1Service> again = writer.createOrUpdate(services, desired, V1Service.class);

    assertThat(again.result()).isEqualTo(WriteResult.UNCHANGED);
    assertThat(services.writes).hasSize(1);
  }

  @Test
  void modifyWritesOnlyWhenTheChangeChangesSomething() {
    writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class);

    writer.modify(
        configMaps, "ns", "tcp-kubeadmconfig", V1ConfigMap.class, false, c -> c.getData().size());
    writer.modify(
        configMaps,
        "ns",
        "tcp-kubeadmconfig",
        V1ConfigMap.class,
        false,
        c -> c.getMetadata().addFinalizersItem("x"));

    assertThat(configMaps.writes).hasSize(2);
    assertThat(configMaps.stored.get("ns/tcp-kubeadmconfig").getMetadata().getFinalizers())
        .containsExactly("x");
  }

  @Test
  void modifyFromTheLatestCopyWritesWithoutReadingAgain() {
    V1ConfigMap created =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class).object();
    int reads = configMaps.liveReads;

    V1ConfigMap modified =
        writer
            .modify(
                configMaps,
                created,
                V1ConfigMap.class,
                false,
                c -> c.getMetadata().addFinalizersItem("x"))
            .orElseThrow();

    assertThat(configMaps.liveReads).isEqualTo(reads);
    assertThat(modified.getMetadata().getFinalizers()).containsExactly("x");
    assertThat(configMaps.writes).hasSize(2);
  }

  @Test
  void modifyFromAStaleCopyRetriesOnAFreshReadAndKeepsTheOtherChange() {
    V1ConfigMap stale =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class).object();
    writer.modify(
        configMaps,
        "ns",
        "tcp-kubeadmconfig",
        V1ConfigMap.class,
        false,
        c -> c.getMetadata().putLabelsItem("other", "writer"));

    writer.modify(
        configMaps, stale, V1ConfigMap.class, false, c -> c.getMetadata().addFinalizersItem("x"));

    V1ConfigMap stored = configMaps.stored.get("ns/tcp-kubeadmconfig");
    assertThat(stored.getMetadata().getFinalizers()).containsExactly("x");
    assertThat(stored.getMetadata().getLabels()).containsEntry("other", "writer");
  }

  @Test
  void aNoOpOnAStaleCopyIsCheckedAgainstAFreshRead() {
    V1ConfigMap withFinalizer =
        writer
            .modify(
                configMaps,
                writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class).object(),
                V1ConfigMap.class,
                false,
                c -> c.getMetadata().addFinalizersItem("x"))
            .orElseThrow();
    // someone else removes it; our copy still has it
    writer.modify(
        configMaps,
        "ns",
        "tcp-kubeadmconfig",
        V1ConfigMap.class,
        false,
        c -> c.getMetadata().setFinalizers(null));

    writer.modify(
        configMaps,
        withFinalizer,
        V1ConfigMap.class,
        false,
        c -> {
          if (c.getMetadata().getFinalizers() == null
              || !c.getMetadata().getFinalizers().contains("x")) {
            c.getMetadata().addFinalizersItem("x");
          }
        });

    assertThat(configMaps.stored.get("ns/tcp-kubeadmconfig").getMetadata().getFinalizers())
        .containsExactly("x");
  }

  @Test
  void recordsTheVersionsItWroteSoTheirEchoesCanBeToldApart() {
    V1ConfigMap created =
        writer.createOrUpdate(configMaps, configMap("a"), V1ConfigMap.class).object();
    V1ConfigMap updated =
        writer.createOrUpdate(configMaps, configMap("b"), V1ConfigMap.class).object();
    V1ConfigMap byOthers = KubeJson.copy(updated, V1ConfigMap.class);
    byOthers.getMetadata().setResourceVersion("999");

    assertThat(writer.ownWrites().isEcho(byOthers)).isFalse();
    assertThat(writer.ownWrites().isEcho(created)).isTrue();
    assertThat(writer.ownWrites().isEcho(updated)).isTrue();
    assertThat(writer.ownWrites().isEcho(updated)).as("an echo is seen once").isFalse();
  }
}
