package dev.controlplanes.kamaji.controllers.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which collections are watched and which events ask for a run (the streams run end to end). */
class TenantWatchesTest {

  private static final Set<String> PATHS =
      Set.of(
          "/apis/apps/v1/namespaces/kube-system/deployments/coredns",
          "/api/v1/namespaces/kube-system/configmaps/coredns",
          "/api/v1/namespaces/kube-public/configmaps/cluster-info",
          "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:get-nodes");

  private static JsonObject event(String type, String name, String resourceVersion) {
    return JsonParser.parseString(
            "{\"type\": \""
                + type
                + "\", \"object\": {\"metadata\": {\"name\": \""
                + name
                + "\", \"resourceVersion\": \""
                + resourceVersion
                + "\"}}}")
        .getAsJsonObject();
  }

  @Test
  void eachCollectionOfAManagedObjectIsWatchedOnce() {
    assertThat(TenantWatches.collections(PATHS))
        .containsExactly(
            "/api/v1/namespaces/kube-public/configmaps",
            "/api/v1/namespaces/kube-system/configmaps",
            "/apis/apps/v1/namespaces/kube-system/deployments",
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
  }

  @Test
  void changesOfManagedObjectsAskForARunAndEveryEventMovesTheResumePoint() {
    AtomicInteger drifts = new AtomicInteger();
    TenantWatches watches = new TenantWatches("ns/t", null, PATHS, drifts::incrementAndGet, null);
    String configMaps = "/api/v1/namespaces/kube-system/configmaps";

    assertThat(watches.handle(configMaps, event("MODIFIED", "coredns", "12"), "10"))
        .isEqualTo("12");
    assertThat(drifts).hasValue(1);
    // Another ConfigMap of kube-system is not ours.
    assertThat(watches.handle(configMaps, event("DELETED", "users-own", "13"), "12"))
        .isEqualTo("13");
    assertThat(watches.handle(configMaps, event("BOOKMARK", "", "20"), "13")).isEqualTo("20");
    assertThat(drifts).hasValue(1);
    String deployments = "/apis/apps/v1/namespaces/kube-system/deployments";
    assertThat(watches.handle(deployments, event("DELETED", "coredns", "21"), "20"))
        .isEqualTo("21");
    assertThat(drifts).hasValue(2);

    // An expired resourceVersion: a run repairs whatever was missed, the watch starts from now.
    JsonObject expired =
        JsonParser.parseString(
                "{\"type\": \"ERROR\", \"object\": {\"kind\": \"Status\", \"code\": 410}}")
            .getAsJsonObject();
    assertThat(watches.handle(configMaps, expired, "21")).isEmpty();
    assertThat(drifts).hasValue(3);
  }
}
