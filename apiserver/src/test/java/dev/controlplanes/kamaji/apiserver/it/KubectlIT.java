package dev.controlplanes.kamaji.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.api.json.LenientModels;
import dev.controlplanes.kamaji.api.v1alpha1.TenantControlPlane;
import dev.controlplanes.kamaji.apiserver.testing.ApiServerExtension;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl;
import dev.controlplanes.kamaji.apiserver.testing.Kubectl.Result;
import io.kubernetes.client.openapi.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl against the real server and etcd: the commands a Kamaji user types, with
 * the exact output kubectl prints wherever that output depends on the server (tables, messages,
 * errors).
 *
 * <p>Each test works in namespaces of its own (stand-alone, the server does not check that
 * namespaces exist) so that tests do not see each other's objects. Commands are written as one
 * string of space-separated words plus, where an argument contains spaces, extra arguments. Ages in
 * tables are normalized to {@code 0s}.
 */
class KubectlIT {

  @RegisterExtension static ApiServerExtension api = new ApiServerExtension();

  private static final String TCP_HEADER =
      "NAME   VERSION   INSTALLED VERSION   STATUS   CONTROL-PLANE ENDPOINT   KUBECONFIG"
          + "   DATASTORE   AGE\n";
  private static final String TCP_ROW_GAP = " ".repeat(82);
  private static final String DATASTORE =
      """
      apiVersion: kamaji.clastix.io/v1alpha1
      kind: DataStore
      metadata:
        name: %s
        labels:
          suite: %s
      spec:
        driver: etcd
        endpoints:
          - etcd-0.storage.svc:2379
        tlsConfig:
          certificateAuthority:
            certificate:
              secretReference: {name: etcd-ca, namespace: storage, keyPath: ca.crt}
            privateKey:
              secretReference: {name: etcd-ca, namespace: storage, keyPath: ca.key}
          clientCertificate:
            certificate:
              secretReference: {name: etcd-client, namespace: storage, keyPath: tls.crt}
            privateKey:
              secretReference: {name: etcd-client, namespace: storage, keyPath: tls.key}
      """;
  private static final String FORBIDDEN = "Error from server (Forbidden): ";

  private static Kubectl admin;

  @BeforeAll
  static void defaultDataStore() {
    admin = api.kubectl("admin");
    // A TenantControlPlane needs its spec.dataStore to exist; the server defaults it to "default".
    assertThat(create(DATASTORE.formatted("default", "base")))
        .isEqualTo("datastore.kamaji.clastix.io/default created\n");
  }

  // ------------------------------------------------------------------ discovery

  @Test
  void apiResourcesListOurKindsWithShortNameAndCategory() {
    assertThat(ok("api-resources --api-group=kamaji.clastix.io"))
        .isEqualTo(
            """
            NAME                  SHORTNAMES   APIVERSION                   NAMESPACED   KIND
            datastores                         kamaji.clastix.io/v1alpha1   false        DataStore
            tenantcontrolplanes   tcp          kamaji.clastix.io/v1alpha1   true         TenantControlPlane
            """);
    assertThat(ok("api-resources --api-group=kamaji.clastix.io -o wide"))
        .isEqualTo(
            """
            NAME                  SHORTNAMES   APIVERSION                   NAMESPACED   KIND                 VERBS                                                        CATEGORIES
            datastores                         kamaji.clastix.io/v1alpha1   false        DataStore            create,delete,deletecollection,get,list,patch,update,watch  \s
            tenantcontrolplanes   tcp          kamaji.clastix.io/v1alpha1   true         TenantControlPlane   create,delete,deletecollection,get,list,patch,update,watch   kamaji
            """);
    assertThat(ok("api-resources --categories=kamaji -o name"))
        .isEqualTo("tenantcontrolplanes.kamaji.clastix.io\n");
  }

  @Test
  void getKamajiCategoryListsTenantControlPlanes() {
    create(tcp("cat", "one", "v1.33.0"));

    assertThat(table(ok("get kamaji -n cat")))
        .isEqualTo(TCP_HEADER + "one    v1.33.0" + TCP_ROW_GAP + "0s\n");
    assertThat(ok("get kamaji -n cat -o name"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/one\n");
  }

  // ------------------------------------------------------------------ get and list

  @Test
  void tableShowsKamajiColumnsFromSpecAndStatus() {
    create(tcp("table", "ready", "v1.33.0"));
    create(tcp("table", "pending", "v1.32.1"));
    ok(
        "patch tcp ready -n table --subresource=status --type=merge -p",
        """
        {"status":{"kubernetesResources":{"version":{"version":"v1.33.0","status":"Ready"}},
         "controlPlaneEndpoint":"10.0.0.1:6443","storage":{"dataStoreName":"default"},
         "kubeconfig":{"admin":{"secretName":"ready-admin-kubeconfig"}}}}\
        """);

    String expected =
        """
        NAME      VERSION   INSTALLED VERSION   STATUS   CONTROL-PLANE ENDPOINT   KUBECONFIG               DATASTORE   AGE
        pending   v1.32.1                                                                                              0s
        ready     v1.33.0   v1.33.0             Ready    10.0.0.1:6443            ready-admin-kubeconfig   default     0s
        """;
    assertThat(table(ok("get tcp -n table"))).isEqualTo(expected);
    assertThat(table(ok("get tenantcontrolplanes -n table -o wide")))
        .as("no priority columns: wide is the same table")
        .isEqualTo(expected);
    assertThat(table(ok("get tcp ready -n table --no-headers")))
        .isEqualTo(
            "ready   v1.33.0   v1.33.0   Ready   10.0.0.1:6443   ready-admin-kubeconfig   default"
                + "   0s\n");
  }

  @Test
  void listAcrossNamespacesWithLabelsAndSelectors() {
    create(tcp("list-a", "alpha", "v1.33.0", "suite: list", "tier: gold"));
    create(tcp("list-b", "beta", "v1.32.0", "suite: list"));
    create(tcp("list-b", "gamma", "v1.31.0"));

    assertThat(table(ok("get tcp -A -l suite=list")))
        .isEqualTo(
            """
            NAMESPACE   NAME    VERSION   INSTALLED VERSION   STATUS   CONTROL-PLANE ENDPOINT   KUBECONFIG   DATASTORE   AGE
            list-a      alpha   v1.33.0                                                                                  0s
            list-b      beta    v1.32.0                                                                                  0s
            """);
    assertThat(table(ok("get tcp -n list-b --show-labels")))
        .isEqualTo(
            """
            NAME    VERSION   INSTALLED VERSION   STATUS   CONTROL-PLANE ENDPOINT   KUBECONFIG   DATASTORE   AGE   LABELS
            beta    v1.32.0                                                                                  0s    suite=list
            gamma   v1.31.0                                                                                  0s    <none>
            """);
    assertThat(table(ok("get tcp -A -l suite -L tier -o wide")))
        .isEqualTo(
            """
            NAMESPACE   NAME    VERSION   INSTALLED VERSION   STATUS   CONTROL-PLANE ENDPOINT   KUBECONFIG   DATASTORE   AGE   TIER
            list-a      alpha   v1.33.0                                                                                  0s    gold
            list-b      beta    v1.32.0                                                                                  0s
            """);
    assertThat(ok("get tcp -A -o name -l", "tier notin (gold),suite"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/beta\n");
    assertThat(ok("get tcp -n list-b -o name --field-selector metadata.name!=beta"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/gamma\n");
    assertThat(ok("get tcp -A --chunk-size=1 -l suite=list -o name"))
        .as("kubectl follows continue tokens")
        .isEqualTo(
            "tenantcontrolplane.kamaji.clastix.io/alpha\n"
                + "tenantcontrolplane.kamaji.clastix.io/beta\n");
    assertThat(
            ok(
                "get tcp -A -l suite=list -o",
                "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}"
                    + " {.spec.kubernetes.version} {.spec.dataStore}{\"\\n\"}{end}"))
        .isEqualTo("list-a/alpha v1.33.0 default\nlist-b/beta v1.32.0 default\n");
    assertThat(
            ok(
                "get tcp -n list-b --sort-by=.spec.kubernetes.version -o",
                "custom-columns=NAME:.metadata.name,REPLICAS:.spec.controlPlane.deployment.replicas"))
        .isEqualTo("NAME    REPLICAS\ngamma   1\nbeta    1\n");
    Result none = k("get tcp -n list-empty");
    assertThat(none.stdout()).isEmpty();
    assertThat(none.stderr()).isEqualTo("No resources found in list-empty namespace.\n");
  }

  @Test
  void getDataStoresAtClusterScope() {
    create(DATASTORE.formatted("ds-one", "ds"));
    create(DATASTORE.formatted("ds-two", "ds"));

    assertThat(table(ok("get datastores -l suite=ds")))
        .isEqualTo(
            """
            NAME     DRIVER   READY   AGE
            ds-one   etcd             0s
            ds-two   etcd             0s
            """);
    assertThat(table(ok("get datastores -l suite=ds -o wide --show-labels")))
        .isEqualTo(
            """
            NAME     DRIVER   READY   AGE   LABELS
            ds-one   etcd             0s    suite=ds
            ds-two   etcd             0s    suite=ds
            """);
    assertThat(ok("get datastore ds-two -o", "jsonpath={.spec.driver} {.spec.endpoints}"))
        .isEqualTo("etcd [\"etcd-0.storage.svc:2379\"]");
    assertThat(k("get datastore nope").stderr())
        .isEqualTo(
            "Error from server (NotFound): datastores.kamaji.clastix.io \"nope\" not found\n");
    JsonObject ds = json(ok("get datastore ds-one -o json"));
    assertThat(ds.get("kind").getAsString()).isEqualTo("DataStore");
    assertThat(ds.getAsJsonObject("metadata").has("namespace")).isFalse();
  }

  @Test
  void yamlAndJsonOutputCarryTheWholeObject() {
    create(tcp("out", "doc", "v1.33.0", "app: doc"));

    assertThat(ok("get tcp doc -n out -o yaml"))
        .startsWith("apiVersion: kamaji.clastix.io/v1alpha1\nkind: TenantControlPlane\nmetadata:\n")
        .contains("\n  labels:\n    app: doc\n  name: doc\n  namespace: out\n")
        .contains("\n  dataStore: default\n")
        .contains("\n    version: v1.33.0\n")
        .doesNotContain("managedFields");
    assertThat(ok("get tcp doc -n out -o yaml --show-managed-fields"))
        .contains("  managedFields:\n  - apiVersion: kamaji.clastix.io/v1alpha1\n")
        .contains("    manager: kubectl-create\n    operation: Update\n");

    JsonObject object = json(ok("get tcp doc -n out -o json"));
    JsonObject meta = object.getAsJsonObject("metadata");
    assertThat(object.get("apiVersion").getAsString()).isEqualTo("kamaji.clastix.io/v1alpha1");
    assertThat(object.get("kind").getAsString()).isEqualTo("TenantControlPlane");
    assertThat(meta.get("uid").getAsString()).matches("[0-9a-f-]{36}");
    assertThat(meta.get("creationTimestamp").getAsString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(meta.get("generation").getAsInt()).isEqualTo(1);
    assertThat(meta.get("resourceVersion").getAsString()).matches("[0-9]+");

    JsonObject list = json(ok("get tcp -n out -o json"));
    assertThat(list.get("kind").getAsString()).isEqualTo("List");
    assertThat(list.getAsJsonArray("items")).hasSize(1);
    assertThat(ok("get tcp -n out -o yaml"))
        .startsWith("apiVersion: v1\nitems:\n- apiVersion: kamaji.clastix.io/v1alpha1\n");
  }

  @Test
  void describeShowsMetadataSpecAndStatus() {
    create(tcp("describe", "desc", "v1.33.0", "app: desc"));
    ok("annotate tcp desc -n describe owner=team-a");

    assertThat(ok("describe tcp desc -n describe"))
        .startsWith(
            """
            Name:         desc
            Namespace:    describe
            Labels:       app=desc
            Annotations:  owner: team-a
            API Version:  kamaji.clastix.io/v1alpha1
            Kind:         TenantControlPlane
            Metadata:
              Creation Timestamp:\
            """)
        .contains("\n  Generation:          1\n")
        .contains("\nSpec:\n  Control Plane:\n    Deployment:\n")
        .contains("\n  Data Store:           default\n")
        .contains("\n    Version:  v1.33.0\n")
        .doesNotContain("Managed Fields");
    assertThat(ok("describe datastore default"))
        .startsWith("Name:         default\nNamespace:    \nLabels:       suite=base\n")
        .contains("\nSpec:\n  Driver:  etcd\n");
  }

  // ------------------------------------------------------------------ watch

  @Test
  void getWatchPrintsChangesAsTheyHappen() throws Exception {
    create(tcp("watch", "w1", "v1.33.0"));

    try (Background rows = background("get tcp -n watch -w");
        Background events = background("get tcp -n watch -w --output-watch-events");
        Background one =
            background(
                "get tcp w1 -n watch -w -v=6 -o",
                "jsonpath={.metadata.name} {.spec.kubernetes.version}{\"\\n\"}")) {
      rows.await(line -> line.startsWith("w1 "));
      events.await(line -> line.startsWith("ADDED "));
      one.await(line -> line.equals("w1 v1.33.0"));
      // A single-object watch starts at "now" and kubectl hides its first (synthetic) event: a
      // change made before that watch is open would never be printed.
      one.awaitLog(line -> line.contains("watch=true"));

      ok("patch tcp w1 -n watch --type=merge -p", version("v1.33.1"));
      create(tcp("watch", "w2", "v1.32.0"));
      ok("delete tcp w2 -n watch");

      events.await(line -> line.startsWith("DELETED "));
      rows.await(line -> rows.lines().size() == 5);
      one.await(line -> line.equals("w1 v1.33.1"));
      assertThat(table(String.join("\n", rows.lines()) + "\n"))
          .as("initial list, modified, added, deleted")
          .isEqualTo(
              TCP_HEADER
                  + ("w1     v1.33.0" + TCP_ROW_GAP + "0s\n")
                  + ("w1     v1.33.1" + TCP_ROW_GAP + "0s\n")
                  + ("w2     v1.32.0" + TCP_ROW_GAP + "0s\n")
                  + ("w2     v1.32.0" + TCP_ROW_GAP + "0s\n"));
      assertThat(events.lines().stream().map(l -> l.replaceAll("^(\\S+)\\s+(\\S+).*", "$1 $2")))
          .containsExactly("EVENT NAME", "ADDED w1", "MODIFIED w1", "ADDED w2", "DELETED w2");
      assertThat(one.lines()).containsExactly("w1 v1.33.0", "w1 v1.33.1");
    }
  }

  @Test
  void getWatchOnDataStores() throws Exception {
    create(DATASTORE.formatted("watched", "watch"));
    try (Background watch = background("get datastores -l suite=watch -w")) {
      watch.await(line -> line.startsWith("watched "));
      ok("label datastore watched seen=yes");
      ok("delete datastore watched");
      watch.await(line -> watch.lines().size() == 4);
      assertThat(table(String.join("\n", watch.lines()) + "\n"))
          .as("listed, labeled, deleted")
          .isEqualTo(
              """
              NAME      DRIVER   READY   AGE
              watched   etcd             0s
              watched   etcd             0s
              watched   etcd             0s
              """);
    }
  }

  // ------------------------------------------------------------------ writes

  @Test
  void createFromFileAndAlreadyExists() {
    Path file = write("create.yaml", tcp("create", "c1", "v1.33.0"));
    assertThat(ok("create -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/c1 created\n");

    Result again = k("create -f " + file);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr())
        .isEqualTo(
            "Error from server (AlreadyExists): error when creating \""
                + file
                + "\": tenantcontrolplanes.kamaji.clastix.io \"c1\" already exists\n");
  }

  @Test
  void clientSideApplyCreatesConfiguresAndRemovesWithMergePatches() {
    Path file = write("csa.yaml", tcp("csa", "app", "v1.33.0"));

    assertThat(ok("apply -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app created\n");
    String rv = resourceVersion("tcp app -n csa");
    assertThat(ok("apply -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app unchanged\n");
    assertThat(resourceVersion("tcp app -n csa")).isEqualTo(rv);

    write(
        "csa.yaml",
        tcp("csa", "app", "v1.33.1")
            .replace("    deployment:\n      replicas: 1\n", "    deployment: {}\n"));
    Result configured = k("apply -v=8 -f " + file);
    assertThat(configured.stdout())
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app configured\n");
    assertThat(configured.stderr())
        .as("no strategic merge patch is advertised, so kubectl sends a merge patch")
        .contains("    Content-Type: application/merge-patch+json\n");
    assertThat(
            ok(
                "get tcp app -n csa -o",
                "jsonpath={.spec.kubernetes.version} {.spec.controlPlane.deployment.replicas}"
                    + " {.metadata.managedFields[*].manager}"))
        .as("replicas removed by the merge patch, then defaulted again")
        .isEqualTo("v1.33.1 2 kubectl-client-side-apply");
    assertThat(
            ok(
                "get tcp app -n csa -o",
                "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"))
        .contains("\"version\":\"v1.33.1\"");

    Path ds = write("csa-ds.yaml", DATASTORE.formatted("csa-ds", "csa"));
    assertThat(ok("apply -f " + ds)).isEqualTo("datastore.kamaji.clastix.io/csa-ds created\n");
    write("csa-ds.yaml", DATASTORE.formatted("csa-ds", "csa").replace("etcd-0", "etcd-1"));
    assertThat(ok("apply -f " + ds)).isEqualTo("datastore.kamaji.clastix.io/csa-ds configured\n");
    assertThat(ok("get datastore csa-ds -o", "jsonpath={.spec.endpoints[0]}"))
        .isEqualTo("etcd-1.storage.svc:2379");
  }

  @Test
  void serverSideApplyCreatesIsIdempotentAndReportsConflicts() {
    // kubelet: {} is applied as an empty object that the server fills with defaults.
    String manifest =
        tcp("ssa", "app", "v1.33.0")
            .replace("    kubelet:\n      cgroupfs: systemd\n", "    kubelet: {}\n");
    Path file = write("ssa.yaml", manifest);

    assertThat(ok("apply --server-side -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app serverside-applied\n");
    String rv = resourceVersion("tcp app -n ssa");
    Result again = k("apply --server-side -f " + file);
    assertThat(again.stderr()).isEmpty();
    assertThat(again.stdout())
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app serverside-applied\n");
    assertThat(resourceVersion("tcp app -n ssa"))
        .as("re-applying the same configuration is a no-op")
        .isEqualTo(rv);

    Path other = write("ssa-other.yaml", manifest.replace("v1.33.0", "v1.34.0"));
    Result conflict = k("apply --server-side --field-manager=other -f " + other);
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.stderr())
        .startsWith(
            """
            error: Apply failed with 1 conflict: conflict with "kubectl": .spec.kubernetes.version
            Please review the fields above--they currently have other managers. Here
            are the ways you can resolve this warning:
            * If you intend to manage all of these fields, please re-run the apply
              command with the `--force-conflicts` flag.
            """);
    assertThat(resourceVersion("tcp app -n ssa")).isEqualTo(rv);

    assertThat(ok("apply --server-side --field-manager=other --force-conflicts -f " + other))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app serverside-applied\n");
    assertThat(
            ok(
                "get tcp app -n ssa -o",
                "jsonpath={.spec.kubernetes.version} {.metadata.generation}"
                    + " {.metadata.managedFields[*].manager}"))
        .isEqualTo("v1.34.0 2 kubectl other");

    assertThat(k("apply --server-side -f " + file).stderr())
        .startsWith(
            "error: Apply failed with 1 conflict: conflict with \"other\":"
                + " .spec.kubernetes.version\n");
  }

  @Test
  void writesThatTheServersDefaultsUndoChangeNothing() {
    // parentRefs is an atomic list whose items the server completes with group and kind.
    String manifest =
        tcp("defaults", "gw", "v1.33.0")
            .replace(
                "  controlPlane:\n",
                "  controlPlane:\n    gateway:\n      hostname: gw.example.org\n"
                    + "      parentRefs:\n        - name: edge\n          namespace: gateways\n");
    Path file = write("defaults.yaml", manifest);
    ok("apply --server-side -f " + file);
    assertThat(ok("get tcp gw -n defaults -o", "jsonpath={.spec.controlPlane.gateway.parentRefs}"))
        .isEqualTo(
            "[{\"group\":\"gateway.networking.k8s.io\",\"kind\":\"Gateway\",\"name\":\"edge\","
                + "\"namespace\":\"gateways\"}]");
    String rv = resourceVersion("tcp gw -n defaults");

    ok("apply --server-side -f " + file);
    assertThat(
            ok(
                "patch tcp gw -n defaults --type=merge -p",
                "{\"spec\":{\"controlPlane\":{\"deployment\":{\"strategy\":null}}}}"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/gw patched (no change)\n");

    assertThat(ok("get tcp gw -n defaults -o", "jsonpath={.metadata.generation}")).isEqualTo("1");
    assertThat(resourceVersion("tcp gw -n defaults")).as("no write happened").isEqualTo(rv);
  }

  @Test
  void createStoresTheObjectFullyDefaulted() {
    // Without spec.controlPlane.deployment, the create defaults add one (replicas: 2); the schema
    // defaults inside it must be there from the start, not appear with the next write.
    Path file =
        write(
            "no-deployment.yaml",
            tcp("defaults-create", "nodep", "v1.33.0")
                .replace("    deployment:\n      replicas: 1\n", ""));
    ok("apply -f " + file);
    String rv = resourceVersion("tcp nodep -n defaults-create");
    assertThat(
            ok(
                "get tcp nodep -n defaults-create -o",
                "jsonpath={.spec.controlPlane.deployment.replicas}"
                    + " {.spec.controlPlane.deployment.registrySettings.registry}"))
        .isEqualTo("2 registry.k8s.io");

    assertThat(ok("apply -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/nodep unchanged\n");
    ok("label tcp nodep -n defaults-create touched=yes");
    assertThat(ok("get tcp nodep -n defaults-create -o", "jsonpath={.metadata.generation}"))
        .isEqualTo("1");
    assertThat(resourceVersion("tcp nodep -n defaults-create")).isNotEqualTo(rv);
  }

  @Test
  void serverSideApplyTakesOverFromClientSideApply() {
    Path file = write("migrate.yaml", tcp("migrate", "app", "v1.33.0"));
    ok("apply -f " + file);

    Result migrated = k("apply --server-side -f " + file);
    assertThat(migrated.stderr()).isEmpty();
    assertThat(migrated.stdout())
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/app serverside-applied\n");
    assertThat(managers("tcp app -n migrate"))
        .as(
            "kubectl moved the client-side manager's fields to its own; it keeps the annotation"
                + " with a manager of its own")
        .containsExactlyInAnyOrder("kubectl", "kubectl-last-applied");

    write("migrate.yaml", tcp("migrate", "app", "v1.33.2"));
    Result changed = k("apply --server-side -f " + file);
    assertThat(changed.stderr()).isEmpty();
    assertThat(
            ok(
                "get tcp app -n migrate -o",
                "jsonpath={.spec.kubernetes.version} {.spec.dataStore}"))
        .isEqualTo("v1.33.2 default");
  }

  @Test
  void editThroughKubeEditorSendsAMergePatch() {
    create(tcp("edit", "ed", "v1.33.0"));
    Path editor = script("editor.sh", "sed -i 's/^      replicas: 1$/      replicas: 2/' \"$1\"");

    Result r = k(Map.of("KUBE_EDITOR", editor.toString()), null, "edit tcp ed -n edit");

    assertThat(r.stdout())
        .as(r.stderr())
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/ed edited\n");
    assertThat(
            ok(
                "get tcp ed -n edit -o",
                "jsonpath={.spec.controlPlane.deployment.replicas} {.metadata.generation}"))
        .isEqualTo("2 2");
    assertThat(managers("tcp ed -n edit"))
        .containsExactlyInAnyOrder("kubectl-create", "kubectl-edit");

    Result unchanged = k(Map.of("KUBE_EDITOR", "true"), null, "edit tcp ed -n edit");
    assertThat(unchanged.exitCode()).isZero();
    assertThat(unchanged.stderr()).isEqualTo("Edit cancelled, no changes made.\n");
  }

  @Test
  void editKeepsAChangeMadeWhileTheEditorWasOpen() {
    create(tcp("edit-race", "ed", "v1.33.0"));
    Path editor =
        script(
            "racing-editor.sh",
            "kubectl --kubeconfig="
                + api.kubeconfig("admin")
                + " --cache-dir="
                + api.workDir().resolve("kubectl-cache-editor")
                + " patch tcp ed -n edit-race --type=merge -p '"
                + version("v1.33.7")
                + "' >/dev/null\n"
                + "sed -i 's/^      replicas: 1$/      replicas: 2/' \"$1\"");

    Result r = k(Map.of("KUBE_EDITOR", editor.toString()), null, "edit tcp ed -n edit-race");

    assertThat(r.stdout())
        .as(r.stderr())
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/ed edited\n");
    assertThat(
            ok(
                "get tcp ed -n edit-race -o",
                "jsonpath={.spec.kubernetes.version} {.spec.controlPlane.deployment.replicas}"))
        .as("edit sends only what the user changed: the concurrent change survives")
        .isEqualTo("v1.33.7 2");
  }

  @Test
  void patchMergeJsonAndStrategic() {
    create(tcp("patch", "p", "v1.33.0"));

    assertThat(ok("patch tcp p -n patch --type=merge -p", version("v1.33.1")))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/p patched\n");
    assertThat(
            ok(
                "patch tcp p -n patch --type=json -p",
                """
                [{"op":"replace","path":"/spec/kubernetes/version","value":"v1.33.2"},
                 {"op":"add","path":"/metadata/labels","value":{"via":"json"}}]\
                """))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/p patched\n");
    assertThat(
            ok(
                "get tcp p -n patch -o",
                "jsonpath={.spec.kubernetes.version} {.metadata.labels.via}"
                    + " {.metadata.generation}"))
        .isEqualTo("v1.33.2 json 3");
    assertThat(ok("patch tcp p -n patch --type=merge -p", version("v1.33.2")))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/p patched (no change)\n");

    Result strategic = k("patch tcp p -n patch -p", version("v1.33.3"));
    assertThat(strategic.exitCode()).isEqualTo(1);
    assertThat(strategic.stderr())
        .isEqualTo(
            "error: application/strategic-merge-patch+json is not supported by"
                + " kamaji.clastix.io/v1alpha1, Kind=TenantControlPlane: the body of the request"
                + " was in an unknown format - accepted media types include:"
                + " application/json-patch+json, application/merge-patch+json,"
                + " application/apply-patch+yaml\n");

    Result failedTest =
        k(
            "patch tcp p -n patch --type=json -p",
            "[{\"op\":\"test\",\"path\":\"/spec/kubernetes/version\",\"value\":\"v9\"}]");
    assertThat(failedTest.exitCode()).isEqualTo(1);
    assertThat(failedTest.stderr())
        .as("kube keeps the failed operation's detail out of its answer too")
        .isEqualTo(
            "The request is invalid: the server rejected our request due to an error in our"
                + " request\n");
    assertThat(ok("get tcp p -n patch -o", "jsonpath={.spec.kubernetes.version}"))
        .isEqualTo("v1.33.2");
  }

  @Test
  void labelAndAnnotate() {
    create(tcp("meta", "m", "v1.33.0"));

    assertThat(ok("label tcp m -n meta env=dev team=a"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/m labeled\n");
    assertThat(ok("annotate tcp m -n meta note=hello"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/m annotated\n");
    assertThat(k("label tcp m -n meta env=prod").stderr())
        .isEqualTo("error: 'env' already has a value (dev), and --overwrite is false\n");
    ok("label tcp m -n meta env=prod --overwrite");
    ok("label tcp m -n meta team-");
    ok("annotate tcp m -n meta note-");

    assertThat(
            ok(
                "get tcp m -n meta -o",
                "jsonpath={.metadata.labels} {.metadata.annotations} {.metadata.generation}"))
        .isEqualTo("{\"env\":\"prod\"}  1");
    assertThat(managers("tcp m -n meta"))
        .containsExactlyInAnyOrder("kubectl-create", "kubectl-label");
  }

  @Test
  void scaleWritesReplicasThroughTheScaleSubresource() throws Exception {
    create(tcp("scale", "s", "v1.33.0"));
    CompletableFuture<Result> waiting =
        CompletableFuture.supplyAsync(
            () ->
                k(
                    "wait tcp/s -n scale --timeout=20s",
                    "--for=jsonpath={.spec.controlPlane.deployment.replicas}=3"));

    assertThat(ok("scale tcp/s -n scale --replicas=3"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/s scaled\n");

    Result waited = waiting.get(30, TimeUnit.SECONDS);
    assertThat(waited.stdout())
        .as(waited.stderr())
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/s condition met\n");
    assertThat(
            ok(
                "get tcp s -n scale -o",
                "jsonpath={.spec.controlPlane.deployment.replicas} {.metadata.generation}"))
        .isEqualTo("3 2");
    JsonObject scale = json(ok("get tcp s -n scale --subresource=scale -o json"));
    assertThat(scale.get("kind").getAsString()).isEqualTo("Scale");
    assertThat(scale.getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(3);
    assertThat(
            ok(
                "get tcp s -n scale -o",
                "jsonpath={.metadata.managedFields[?(@.subresource==\"scale\")].fieldsV1}"))
        .as("kube records scale writes on the parent, marked with their subresource")
        .isEqualTo("{\"f:spec\":{\"f:controlPlane\":{\"f:deployment\":{\"f:replicas\":{}}}}}");

    Result conflict =
        k(
            "apply --server-side --field-manager=gitops -f "
                + write("scale.yaml", tcp("scale", "s", "v1.33.0")));
    assertThat(conflict.stderr())
        .startsWith(
            "error: Apply failed with 1 conflict: conflict with \"kubectl\" with subresource"
                + " \"scale\" using kamaji.clastix.io/v1alpha1:"
                + " .spec.controlPlane.deployment.replicas\n");

    Result precondition = k("scale tcp/s -n scale --current-replicas=5 --replicas=1");
    assertThat(precondition.exitCode()).isEqualTo(1);
    assertThat(precondition.stderr()).isEqualTo("error: Expected replicas to be 5, was 3\n");
  }

  @Test
  void statusSubresourceIsSeparateFromTheMainResource() {
    create(tcp("status", "st", "v1.33.0"));

    assertThat(
            ok(
                "patch tcp st -n status --subresource=status --type=merge -p",
                """
                {"spec":{"dataStore":"ignored"},
                 "status":{"kubernetesResources":{"version":{"status":"Ready"}}}}\
                """))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/st patched\n");
    assertThat(table(ok("get tcp st -n status --subresource=status")))
        .isEqualTo(
            """
            NAME   VERSION   INSTALLED VERSION   STATUS   CONTROL-PLANE ENDPOINT   KUBECONFIG   DATASTORE   AGE
            st     v1.33.0                       Ready                                                      0s
            """);

    ok(
        "patch tcp st -n status --type=merge -p",
        "{\"status\":{\"kubernetesResources\":{\"version\":{\"status\":\"Ignored\"}}}}");
    assertThat(
            ok(
                "get tcp st -n status --subresource=status -o",
                "jsonpath={.spec.dataStore} {.status.kubernetesResources.version.status}"
                    + " {.metadata.generation}"))
        .isEqualTo("default Ready 1");

    assertThat(
            ok(
                "patch tcp st -n status --subresource=status --type=json -p",
                "[{\"op\":\"replace\",\"path\":\"/status/kubernetesResources/version/status\","
                    + "\"value\":\"Upgrading\"}]"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/st patched\n");
    assertThat(
            ok("get tcp st -n status -o", "jsonpath={.status.kubernetesResources.version.status}"))
        .isEqualTo("Upgrading");
    assertThat(managers("tcp st -n status")).contains("kubectl-patch");
  }

  @Test
  void deleteWithAndWithoutFinalizers() throws Exception {
    create(tcp("delete", "plain", "v1.33.0"));
    create(tcp("delete", "held", "v1.33.0"));
    ok(
        "patch tcp held -n delete --type=merge -p",
        "{\"metadata\":{\"finalizers\":[\"kamaji.clastix.io/finalizer\"]}}");

    assertThat(ok("delete tcp plain -n delete"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io \"plain\" deleted\n");
    assertThat(ok("get tcp -n delete -o name"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/held\n");

    assertThat(ok("delete tcp held -n delete --wait=false"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io \"held\" deleted\n");
    assertThat(
            ok(
                "get tcp held -n delete -o",
                "jsonpath={.metadata.finalizers} {.metadata.generation}"
                    + " {.metadata.deletionTimestamp}"))
        .matches(
            "\\[\"kamaji.clastix.io/finalizer\"] 2 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    // Not 1s: kubectl's watch would then end, at the deadline, less than a second after it opened,
    // and client-go sometimes logs that as a "very short watch" before the timeout error.
    Result timedOut = k("delete tcp held -n delete --timeout=2s");
    assertThat(timedOut.exitCode()).isEqualTo(1);
    assertThat(timedOut.stderr())
        .isEqualTo("error: timed out waiting for the condition on tenantcontrolplanes/held\n");

    // Both commands log their requests (-v=6); once each has its watch open, the finalizer goes.
    try (Background waitForDelete = background("wait --for=delete tcp/held -n delete -v=6");
        Background deleteAndWait = background("delete tcp held -n delete -v=6")) {
      waitForDelete.awaitLog(line -> line.contains("watch=true"));
      deleteAndWait.awaitLog(line -> line.contains("watch=true"));
      ok(
          "patch tcp held -n delete --type=json -p",
          "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");

      Result waited = waitForDelete.finish();
      assertThat(waited.stdout())
          .as(waited.stderr())
          .isEqualTo("tenantcontrolplane.kamaji.clastix.io/held condition met\n");
      Result deleted = deleteAndWait.finish();
      assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
      assertThat(deleted.stdout())
          .isEqualTo("tenantcontrolplane.kamaji.clastix.io \"held\" deleted\n");
    }
    assertThat(ok("get tcp -n delete -o name")).isEmpty();
    assertThat(k("delete tcp held -n delete").stderr())
        .isEqualTo(
            "Error from server (NotFound): tenantcontrolplanes.kamaji.clastix.io \"held\" not"
                + " found\n");
  }

  // ------------------------------------------------------------------ schema and validation

  @Test
  void explainUsesTheServersOpenApiV3() {
    assertThat(ok("explain tcp.spec"))
        .startsWith(
            """
            GROUP:      kamaji.clastix.io
            KIND:       TenantControlPlane
            VERSION:    v1alpha1

            FIELD: spec <Object>

            """)
        .contains("\nFIELDS:\n  addons\t<Object>\n")
        .contains("\n  controlPlane\t<Object> -required-\n")
        .contains("\n  networkProfile\t<Object>\n");
    assertThat(ok("explain tcp.spec.networkProfile"))
        .startsWith(
            """
            GROUP:      kamaji.clastix.io
            KIND:       TenantControlPlane
            VERSION:    v1alpha1

            FIELD: networkProfile <Object>

            """)
        .contains("\n  serviceCidr\t<string>\n")
        .contains("\n  port\t<integer>\n");
    assertThat(ok("explain tcp.spec.controlPlane.deployment.additionalContainers.ports"))
        .contains("FIELD: ports <[]Object>\n")
        .contains("\n  containerPort\t<integer> -required-\n")
        .contains("Number of port to expose on the pod's IP address.");
    assertThat(ok("explain datastores"))
        .startsWith("GROUP:      kamaji.clastix.io\nKIND:       DataStore\nVERSION:    v1alpha1\n");
  }

  @Test
  void serverDryRunPersistsNothing() {
    Path file = write("dry.yaml", tcp("dry", "d", "v1.33.0"));
    assertThat(ok("create --dry-run=server -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/d created (server dry run)\n");
    assertThat(ok("get tcp -n dry -o name")).isEmpty();

    create(tcp("dry", "d", "v1.33.0"));
    String before = ok("get tcp d -n dry -o json");
    assertThat(ok("label tcp d -n dry env=dev --dry-run=server"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/d labeled (server dry run)\n");
    assertThat(ok("scale tcp d -n dry --replicas=5 --dry-run=server"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/d scaled (server dry run)\n");
    ok("patch tcp d -n dry --dry-run=server --type=merge -p", version("v1.34.0"));
    write("dry.yaml", tcp("dry", "d", "v1.34.1"));
    assertThat(ok("apply --server-side --force-conflicts --dry-run=server -f " + file))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io/d serverside-applied (server dry run)\n");
    assertThat(ok("delete tcp d -n dry --dry-run=server"))
        .isEqualTo("tenantcontrolplane.kamaji.clastix.io \"d\" deleted (server dry run)\n");
    assertThat(json(ok("get tcp d -n dry -o json"))).isEqualTo(json(before));
  }

  @Test
  void unknownFieldsAreRejectedWhenStrictAndWarnedOtherwise() {
    Path file =
        write(
            "strict.yaml",
            tcp("strict", "s", "v1.33.0")
                .replace("      replicas: 1\n", "      replicas: 1\n      bogus: 1\n"));

    Result strict = k("create --validate=strict -f " + file);
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.stderr())
        .isEqualTo(strictDecodingError(file, "spec.controlPlane.deployment.bogus"));
    assertThat(k("create -f " + file).stderr())
        .as("strict is kubectl's default")
        .isEqualTo(strict.stderr());

    Result warn = k("create --validate=warn -f " + file);
    assertThat(warn.stderr())
        .isEqualTo("Warning: unknown field \"spec.controlPlane.deployment.bogus\"\n");
    assertThat(warn.stdout()).isEqualTo("tenantcontrolplane.kamaji.clastix.io/s created\n");
    assertThat(ok("get tcp s -n strict -o", "jsonpath={.spec.controlPlane.deployment}"))
        .doesNotContain("bogus");
  }

  @Test
  void unknownFieldsInsideEmbeddedKubernetesTypesAreCheckedToo() {
    Path file =
        write(
            "embedded.yaml",
            tcp("strict", "e", "v1.33.0")
                .replace(
                    "      replicas: 1\n",
                    """
                          replicas: 1
                          additionalContainers:
                          - name: sidecar
                            image: registry.k8s.io/pause:3.10
                            imagePullPolcy: Always
                            ports:
                            - containerPort: 8080
                              protocl: TCP
                    """));

    Result strict = k("create -f " + file);
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.stderr())
        .isEqualTo(
            strictDecodingError(
                file,
                "spec.controlPlane.deployment.additionalContainers[0].imagePullPolcy",
                "spec.controlPlane.deployment.additionalContainers[0].ports[0].protocl"));

    Result warn = k("create --validate=warn -f " + file);
    assertThat(warn.stderr())
        .isEqualTo(
            "Warning: unknown field"
                + " \"spec.controlPlane.deployment.additionalContainers[0].imagePullPolcy\"\n"
                + "Warning: unknown field"
                + " \"spec.controlPlane.deployment.additionalContainers[0].ports[0].protocl\"\n");
    assertThat(
            ok(
                "get tcp e -n strict -o",
                "jsonpath={.spec.controlPlane.deployment.additionalContainers[0]}"))
        .isEqualTo(
            "{\"image\":\"registry.k8s.io/pause:3.10\",\"name\":\"sidecar\","
                + "\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}]}");

    Path wrongType =
        write(
            "embedded-type.yaml",
            tcp("strict", "t", "v1.33.0")
                .replace(
                    "      replicas: 1\n",
                    """
                          replicas: 1
                          additionalContainers:
                          - name: sidecar
                            ports:
                            - containerPort: http
                    """));
    Result invalid = k("create -f " + wrongType);
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.stderr())
        .contains("spec.controlPlane.deployment.additionalContainers[0].ports[0].containerPort")
        .contains("must be of type integer");
  }

  @Test
  void fieldsOfKamajisCrdNewerThanClientJavaAreKeptAndReadByClientJava() throws Exception {
    Path file =
        write(
            "newer.yaml",
            tcp("strict", "newer", "v1.33.0")
                .replace(
                    "      replicas: 1\n",
                    """
                          replicas: 1
                          additionalVolumes:
                          - name: certificate
                            projected:
                              sources:
                              - podCertificate:
                                  signerName: example.com/signer
                                  keyType: ED25519
                                  userAnnotations:
                                    example.com/purpose: kubelet
                    """));
    // kubectl validates strictly: the field is in Kamaji's CRD, so it must be known here too.
    assertThat(ok("create -f " + file)).contains("created");
    String volume =
        ok(
            "get tcp newer -n strict -o",
            "jsonpath={.spec.controlPlane.deployment.additionalVolumes[0].projected.sources[0]}");
    assertThat(volume).contains("\"userAnnotations\":{\"example.com/purpose\":\"kubelet\"}");

    // client-java's models (Kubernetes 1.34) lack the field; the controllers still read the object.
    LenientModels.install();
    String json = ok("get tcp newer -n strict -o json");
    TenantControlPlane decoded = JSON.deserialize(json, TenantControlPlane.class);
    assertThat(decoded.getSpec().getControlPlane().getDeployment().getAdditionalVolumes())
        .extracting(v -> v.getProjected().getSources().get(0).getPodCertificate().getSignerName())
        .containsExactly("example.com/signer");
  }

  @Test
  void invalidObjectsGetTheServersFieldErrors() {
    Result badName = k("create -f " + write("t_1.yaml", tcp("invalid", "T_1", "v1.33.0")));
    assertThat(badName.exitCode()).isEqualTo(1);
    assertThat(badName.stderr())
        .isEqualTo(
            "The TenantControlPlane \"T_1\" is invalid: metadata.name: Invalid value: \"T_1\": a"
                + " DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                + " with an alphabetic character, and end with an alphanumeric character (e.g."
                + " 'my-name',  or 'abc-123', regex used for validation is"
                + " '[a-z]([-a-z0-9]*[a-z0-9])?')\n");

    Path cidr =
        write(
            "cidr.yaml",
            tcp("invalid", "cidr", "v1.33.0")
                + "  networkProfile:\n    serviceCidr: 10.96.0.0/33\n");
    Result badCidr = k("create -f " + cidr);
    assertThat(badCidr.exitCode()).isEqualTo(1);
    assertThat(badCidr.stderr())
        .isEqualTo(
            """
            The TenantControlPlane "cidr" is invalid:\s
            * spec.networkProfile.serviceCidr: Invalid value: "10.96.0.0/33": serviceCidr must be empty or a valid CIDR
            * spec.networkProfile.serviceCidrs[0]: Invalid value: "10.96.0.0/33": all serviceCidrs entries must be valid CIDRs
            """);
    assertThat(ok("get tcp -n invalid -o name")).isEmpty();
  }

  @Test
  void rejectedWritesLeaveTheObjectUntouched() {
    create(tcp("reject", "r", "v1.33.0"));
    String before = ok("get tcp r -n reject -o json");
    String rv = resourceVersion("tcp r -n reject");

    assertThat(
            k(
                    "patch tcp r -n reject --type=merge -p",
                    "{\"spec\":{\"networkProfile\":{\"serviceCidr\":\"nope\"}}}")
                .stderr())
        .isEqualTo(
            "The TenantControlPlane \"r\" is invalid: spec.networkProfile.serviceCidr: Invalid"
                + " value: \"nope\": serviceCidr must be empty or a valid CIDR\n");
    assertThat(
            k("patch tcp r -n reject --type=merge -p", "{\"spec\":{\"dataStore\":\"nope\"}}")
                .stderr())
        .isEqualTo(
            "The TenantControlPlane \"r\" is invalid: spec.dataStore: Not found: \"nope\"\n");
    assertThat(
            k(
                    "patch tcp r -n reject --type=merge -p",
                    "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"dataStore\":\"x\"}}")
                .stderr())
        .isEqualTo(
            "Error from server (Conflict): Operation cannot be fulfilled on"
                + " tenantcontrolplanes.kamaji.clastix.io \"r\": the object has been modified;"
                + " please apply your changes to the latest version and try again\n");
    assertThat(
            k(
                    "patch tcp r -n reject --type=json -p",
                    "[{\"op\":\"remove\",\"path\":\"/spec/kubernetes\"}]")
                .stderr())
        .isEqualTo("The TenantControlPlane \"r\" is invalid: spec.kubernetes: Required value\n");
    Path bogus =
        write(
            "reject.json",
            before.replace("\"v1.33.0\"", "\"v1.33.5\"").replace("\"dataStore\"", "\"bogus\""));
    assertThat(k("replace -f " + bogus).stderr())
        .endsWith("strict decoding error: unknown field \"spec.bogus\"\n");
    Path editor =
        script("bad-editor.sh", "sed -i 's/^    version: v1.33.0$/    version: \"\"/' \"$1\"");
    Result edit = k(Map.of("KUBE_EDITOR", editor.toString()), null, "edit tcp r -n reject");
    assertThat(edit.exitCode()).isEqualTo(1);
    assertThat(edit.stderr())
        .startsWith("error: tenantcontrolplanes.kamaji.clastix.io \"r\" is invalid\n");

    assertThat(resourceVersion("tcp r -n reject")).isEqualTo(rv);
    assertThat(json(ok("get tcp r -n reject -o json"))).isEqualTo(json(before));
  }

  // ------------------------------------------------------------------ authorization

  @Test
  void usersWithoutRightsGetKubesForbiddenMessages() {
    // In a cluster every authenticated user may read discovery; the stand-alone server denies it,
    // so alice's kubectl starts from the discovery cache admin's kubectl filled.
    Path cache = api.workDir().resolve("kubectl-cache-alice-warm");
    assertThat(run("admin", cache, "api-resources").exitCode()).isZero();

    assertThat(run("alice", cache, "get tcp -n team").stderr())
        .isEqualTo(
            FORBIDDEN
                + "tenantcontrolplanes.kamaji.clastix.io is forbidden: User \"alice\" cannot list"
                + " resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" in the"
                + " namespace \"team\"\n");
    assertThat(run("alice", cache, "get tcp x -n team").stderr())
        .isEqualTo(
            FORBIDDEN
                + "tenantcontrolplanes.kamaji.clastix.io \"x\" is forbidden: User \"alice\" cannot"
                + " get resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" in the"
                + " namespace \"team\"\n");
    assertThat(run("alice", cache, "get tcp -A").stderr())
        .isEqualTo(
            FORBIDDEN
                + "tenantcontrolplanes.kamaji.clastix.io is forbidden: User \"alice\" cannot list"
                + " resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" at the"
                + " cluster scope\n");
    assertThat(run("alice", cache, "delete datastore default").stderr())
        .isEqualTo(
            FORBIDDEN
                + "datastores.kamaji.clastix.io \"default\" is forbidden: User \"alice\" cannot"
                + " delete resource \"datastores\" in API group \"kamaji.clastix.io\" at the"
                + " cluster scope\n");
    Path file = write("alice.yaml", tcp("team", "a", "v1.33.0"));
    assertThat(run("alice", cache, "create --validate=false -f " + file).stderr())
        .isEqualTo(
            FORBIDDEN
                + "error when creating \""
                + file
                + "\": tenantcontrolplanes.kamaji.clastix.io is forbidden: User \"alice\" cannot"
                + " create resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" in"
                + " the namespace \"team\"\n");
    assertThat(
            api.kubectl("alice")
                .run("get", "--raw", "/apis/kamaji.clastix.io/v1alpha1/tenantcontrolplanes")
                .stderr())
        .isEqualTo(
            FORBIDDEN
                + "tenantcontrolplanes.kamaji.clastix.io is forbidden: User \"alice\" cannot list"
                + " resource \"tenantcontrolplanes\" in API group \"kamaji.clastix.io\" at the"
                + " cluster scope\n");
    assertThat(ok("get datastore default -o name"))
        .isEqualTo("datastore.kamaji.clastix.io/default\n");
  }

  // ------------------------------------------------------------------ helpers

  /** The arguments: {@code words} split on spaces, then {@code more} as they are. */
  private static String[] args(String words, String... more) {
    return Stream.concat(Arrays.stream(words.split(" ")), Arrays.stream(more))
        .toArray(String[]::new);
  }

  private static Result k(String words, String... more) {
    return admin.run(args(words, more));
  }

  private static Result k(Map<String, String> env, String stdin, String words, String... more) {
    return admin.run(env, stdin, args(words, more));
  }

  private static String ok(String words, String... more) {
    return k(words, more).assertOk().stdout();
  }

  private static String create(String manifest) {
    return admin.run(Map.of(), manifest, "create", "-f", "-").assertOk().stdout();
  }

  private static String resourceVersion(String object) {
    return ok("get " + object + " -o", "jsonpath={.metadata.resourceVersion}");
  }

  private static List<String> managers(String object) {
    return List.of(
        ok("get " + object + " -o", "jsonpath={.metadata.managedFields[*].manager}").split(" "));
  }

  private static String version(String version) {
    return "{\"spec\":{\"kubernetes\":{\"version\":\"" + version + "\"}}}";
  }

  /** A valid TenantControlPlane manifest; {@code labels} are YAML lines such as "app: x". */
  private static String tcp(String namespace, String name, String version, String... labels) {
    String labelBlock =
        labels.length == 0
            ? ""
            : "  labels:\n"
                + Arrays.stream(labels).map(l -> "    " + l + "\n").collect(Collectors.joining());
    return """
    apiVersion: kamaji.clastix.io/v1alpha1
    kind: TenantControlPlane
    metadata:
      name: %s
      namespace: %s
    %sspec:
      controlPlane:
        deployment:
          replicas: 1
        service:
          serviceType: ClusterIP
      kubernetes:
        version: %s
        kubelet:
          cgroupfs: systemd
    """
        .formatted(name, namespace, labelBlock, version);
  }

  /** kubectl's report of the server's 400 for unknown fields under fieldValidation=Strict. */
  private static String strictDecodingError(Path file, String... unknownFields) {
    return "Error from server (BadRequest): error when creating \""
        + file
        + "\": TenantControlPlane in version \"v1alpha1\" cannot be handled as a"
        + " TenantControlPlane: strict decoding error: "
        + Arrays.stream(unknownFields)
            .map(f -> "unknown field \"" + f + "\"")
            .collect(Collectors.joining(", "))
        + "\n";
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  private static final Pattern AGE = Pattern.compile("(?<=\\s)\\d+s(?=\\s|$)");

  /** Replaces every age cell with {@code 0s} (keeping the width) and strips trailing blanks. */
  private static String table(String output) {
    return Stream.of(output.split("\n", -1))
        .map(
            line -> {
              Matcher m = AGE.matcher(line);
              StringBuilder b = new StringBuilder();
              while (m.find()) {
                m.appendReplacement(b, "0s" + " ".repeat(m.group().length() - 2));
              }
              m.appendTail(b);
              return b.toString().stripTrailing();
            })
        .collect(Collectors.joining("\n"));
  }

  private static Path write(String name, String content) {
    try {
      return Files.writeString(api.workDir().resolve(name), content);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Path script(String name, String line) {
    Path file = write(name, "#!/bin/sh\n" + line + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return file;
  }

  private static List<String> command(String user, Path cache, String[] args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + api.kubeconfig(user));
    command.add("--cache-dir=" + cache);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs kubectl as {@code user} with the given discovery cache directory. */
  private static Result run(String user, Path cache, String words) {
    try (Background process = new Background(command(user, cache, args(words)))) {
      return process.finish();
    }
  }

  /** Starts a long-running admin kubectl (a watch); closing it kills the process. */
  private static Background background(String words, String... more) {
    return new Background(
        command("admin", api.workDir().resolve("kubectl-cache-watch"), args(words, more)));
  }

  /** A kubectl process whose output lines are collected as kubectl prints them. */
  private static final class Background implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 20;

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Thread out;
    private final Thread err;

    Background(List<String> command) {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().remove("KUBECONFIG");
      try {
        process = builder.start();
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new AssertionError("could not start " + command, e);
      }
      out = pump(process.getInputStream(), lines::add);
      err = pump(process.getErrorStream(), log::add);
    }

    private static Thread pump(InputStream in, Consumer<String> sink) {
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                  }
                } catch (IOException e) {
                  // the process went away
                }
              });
      t.setDaemon(true);
      t.start();
      return t;
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    /** Waits until kubectl printed a line matching {@code line} on its standard output. */
    void await(Predicate<String> line) throws InterruptedException {
      await(lines, line);
    }

    /** Waits until kubectl printed a line matching {@code line} on its standard error. */
    void awaitLog(Predicate<String> line) throws InterruptedException {
      await(log, line);
    }

    private void await(List<String> output, Predicate<String> line) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (output.stream().noneMatch(line)) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new AssertionError(
              "kubectl did not print the expected line; stdout:\n"
                  + String.join("\n", lines)
                  + "\nstderr:\n"
                  + String.join("\n", log));
        }
        Thread.sleep(50);
      }
    }

    Result finish() {
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new AssertionError("kubectl did not finish");
        }
        out.join(5_000);
        err.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      String stdout = lines.stream().map(l -> l + "\n").collect(Collectors.joining());
      String stderr = log.stream().map(l -> l + "\n").collect(Collectors.joining());
      return new Result(process.exitValue(), stdout, stderr);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
