package dev.controlplanes.kamaji.apiserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The pinned upstream kubeadm as the reference for what a kubeadm-made cluster contains: {@code
 * kubeadm init --dry-run} with a tenant's stored kubeadm configuration prints every object it would
 * create (uploaded configurations, bootstrap-token RBAC, CoreDNS, kube-proxy). kubeadm's dry run
 * writes under {@code /etc/kubernetes/tmp}; it runs in a private mount namespace over an overlay of
 * {@code /etc}, so the machine's {@code /etc} is left as it was.
 */
final class KubeadmOracle {

  private final Path bin;
  private final Path dir;

  KubeadmOracle(Path upstreamKubernetes, Path dir) {
    this.bin = upstreamKubernetes;
    this.dir = dir;
  }

  /**
   * The objects {@code kubeadm init} would create for {@code <tcp>-kubeadmconfig}'s documents, by
   * {@code kind/namespace/name} (no namespace for cluster-scoped ones).
   *
   * <p>A loopback advertise address makes kubeadm look for a global unicast address on the loopback
   * interface, which this machine has not; the documentation address 192.0.2.10 stands in. It only
   * selects kube-proxy's bind address family (IPv4 either way) and is never dialled.
   */
  Map<String, JsonObject> initObjects(String initConfiguration, String clusterConfiguration)
      throws IOException, InterruptedException {
    JsonObject init = JsonParser.parseString(initConfiguration).getAsJsonObject();
    init.getAsJsonObject("localAPIEndpoint").addProperty("advertiseAddress", "192.0.2.10");
    JsonObject cluster = JsonParser.parseString(clusterConfiguration).getAsJsonObject();
    JsonArray endpoints =
        cluster.getAsJsonObject("etcd").getAsJsonObject("external").getAsJsonArray("endpoints");
    JsonArray urls = new JsonArray();
    endpoints.forEach(e -> urls.add(url(e.getAsString())));
    cluster.getAsJsonObject("etcd").getAsJsonObject("external").add("endpoints", urls);
    Path config = dir.resolve("kubeadm-init.yaml");
    Files.writeString(config, "---\n" + init + "\n---\n" + cluster + "\n");
    String output =
        run(
            "init",
            "--dry-run",
            "--config=" + config,
            "--skip-phases=preflight",
            "--ignore-preflight-errors=all");
    return createdObjects(output);
  }

  /**
   * kubeadm's validation wants etcd endpoints as URLs; Kamaji stores the DataStore's {@code
   * host:port} (so do we), which {@code kubeadm join} reads without validating it. The oracle gets
   * {@code http://} endpoints, and {@link #storedEndpoints} turns its output back.
   */
  private static String url(String endpoint) {
    return endpoint.contains("://") ? endpoint : "http://" + endpoint;
  }

  /** kubeadm's uploaded ClusterConfiguration with the endpoints as the stored configuration has. */
  static String storedEndpoints(String clusterConfiguration) {
    return clusterConfiguration.replace("- http://", "- ");
  }

  /** The kubelet configuration of {@code hack/upstream/kubernetes/kubelet-config}. */
  String kubeletConfig(String... flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin.resolve("kubelet-config").toString()));
    command.addAll(List.of(flags));
    return execute(command);
  }

  /** Runs kubeadm with {@code args} under the private {@code /etc}; its output. */
  String run(String... args) throws IOException, InterruptedException {
    Path overlay = Files.createTempDirectory(dir, "etc-overlay");
    Files.createDirectories(overlay.resolve("upper"));
    Files.createDirectories(overlay.resolve("work"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "sh",
                "-c",
                "mount -t overlay overlay -o lowerdir=/etc,upperdir=\"$1\"/upper,workdir=\"$1\"/work"
                    + " /etc && shift && exec \"$@\"",
                "sh",
                overlay.toString(),
                bin.resolve("kubeadm").toString()));
    command.addAll(List.of(args));
    return execute(command);
  }

  /** The output of a command that must succeed within two minutes. */
  private static String execute(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  /** The objects attached to the dry run's CREATE actions. */
  static Map<String, JsonObject> createdObjects(String output) {
    Map<String, JsonObject> objects = new LinkedHashMap<>();
    List<String> lines = output.lines().toList();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (!lines.get(i).startsWith("[dryrun] Would perform action CREATE")
          || !lines.get(i + 1).equals("[dryrun] Attached object:")) {
        continue;
      }
      StringBuilder document = new StringBuilder();
      int j = i + 2;
      for (; j < lines.size() && !lines.get(j).isEmpty(); j++) {
        document.append(lines.get(j)).append('\n');
      }
      JsonObject object = new Gson().toJsonTree(yaml.load(document.toString())).getAsJsonObject();
      JsonObject metadata = object.getAsJsonObject("metadata");
      String namespace = metadata.has("namespace") ? metadata.get("namespace").getAsString() : "";
      objects.put(
          object.get("kind").getAsString()
              + "/"
              + namespace
              + "/"
              + metadata.get("name").getAsString(),
          object);
      i = j;
    }
    return objects;
  }
}
