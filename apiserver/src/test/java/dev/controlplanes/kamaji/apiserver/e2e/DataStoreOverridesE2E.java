package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.Samples;
import dev.controlplanes.kamaji.storage.testing.EtcdServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code spec.dataStoreOverrides}: a second etcd, with authentication on and the same CA as the
 * cluster's tenants etcd (Kamaji's model: the overrides share the primary's credentials), serves
 * {@code /events} of a TenantControlPlane. The controllers set the tenant's user and role up there
 * too, point the API server at it, and tear both down with the tenant.
 */
class DataStoreOverridesE2E {

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CLUSTER =
      context -> cluster = LocalCluster.get(context);

  private static LocalCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void setUp() {
    kubectl = cluster.kubectl();
  }

  private static JsonObject json(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-o", "json"));
    return JsonParser.parseString(kubectl.run(all.toArray(String[]::new)).assertOk().stdout())
        .getAsJsonObject();
  }

  @Test
  void theTenantIsSetUpOnTheOverrideEtcdAndTornDownWithIt() throws Exception {
    LocalCluster.DataStoreEtcd tenants = cluster.dataStoreEtcd();
    try (EtcdServer events = cluster.startEtcdLikeTenants()) {
      String endpoint = events.clientUrl().getAuthority();
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String override = "events-" + suffix;
      cluster.createDataStoreLikeDefault(override, endpoint);

      String ns = "e2e-ovr-" + suffix;
      kubectl.run("create", "namespace", ns).assertOk();
      JsonObject tcp = Samples.tcp(ns, "split");
      tcp.getAsJsonObject("spec")
          .getAsJsonObject("controlPlane")
          .getAsJsonObject("service")
          .addProperty("serviceType", "ClusterIP");
      tcp.getAsJsonObject("spec").addProperty("dataStore", "default");
      tcp.getAsJsonObject("spec")
          .add(
              "dataStoreOverrides",
              JsonParser.parseString(
                  "[{\"resource\": \"/events\", \"dataStore\": \"" + override + "\"}]"));
      kubectl.run(Map.of(), tcp.toString(), "create", "-f", "-").assertOk();
      kubectl
          .run(
              "wait",
              "tcp/split",
              "-n",
              ns,
              "--for=jsonpath={.status.kubernetesResources.version.status}=Ready",
              "--timeout=120s")
          .assertOk();

      // The API server stores events in the override etcd ...
      JsonObject apiServer =
          json("get", "deployment", "split", "-n", ns)
              .getAsJsonObject("spec")
              .getAsJsonObject("template")
              .getAsJsonObject("spec")
              .getAsJsonArray("containers")
              .asList()
              .stream()
              .map(c -> c.getAsJsonObject())
              .filter(c -> c.get("name").getAsString().equals("kube-apiserver"))
              .findFirst()
              .orElseThrow();
      assertThat(apiServer.toString())
          .contains("--etcd-servers-overrides=/events#https://" + endpoint);
      // ... where the tenant has its user and its role, as on the primary.
      JsonObject tcpSpec = json("get", "tcp", "split", "-n", ns).getAsJsonObject("spec");
      String user = tcpSpec.get("dataStoreUsername").getAsString();
      String schema = tcpSpec.get("dataStoreSchema").getAsString();
      String eventsUrl = events.clientUrl().toString();
      assertThat(cluster.etcdctl(eventsUrl, "user", "list")).contains(user);
      assertThat(cluster.etcdctl(eventsUrl, "role", "get", schema))
          .anyMatch(line -> line.contains("/" + schema + "/"));
      assertThat(cluster.etcdctl(tenants.endpoint(), "user", "list")).contains(user);

      kubectl.run("delete", "tcp", "split", "-n", ns, "--wait=true", "--timeout=120s").assertOk();
      assertThat(cluster.etcdctl(eventsUrl, "user", "list")).doesNotContain(user);
      assertThat(cluster.etcdctl(eventsUrl, "role", "list")).doesNotContain(schema);
      kubectl.run("delete", "datastore", override, "--wait=true", "--timeout=60s").assertOk();
      kubectl.run("delete", "namespace", ns, "--wait=false").assertOk();
    }
  }
}
