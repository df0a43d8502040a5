package dev.controlplanes.kamaji.apiserver.e2e;

import dev.controlplanes.kamaji.apiserver.testing.OciContainer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeProjection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a generated control-plane Deployment as local processes: each volume of the pod becomes a
 * directory filled from the generated Secrets and ConfigMaps, each container's command line is
 * taken as generated with only its mount paths mapped to those directories and {@code $(VAR)}
 * references expanded from its environment, and the binary is found by the basename of the
 * container's command in a list of directories (the pinned upstream builds, or a launcher of the
 * caller's). Nothing else about the command line is changed, so a flag the controllers get wrong
 * fails here as it would in a pod. ConfigMap files get the same path mapping, as the first
 * container mounting them sees it, since a configuration file may name a path in another volume.
 *
 * <p>Init containers are not run: the only one Kamaji generates copies certificates for kine with
 * mode 0600, which the volumes written here already have.
 */
final class TenantControlPlaneProcesses implements AutoCloseable {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private final Path dir;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, OciContainer> containers = new LinkedHashMap<>();

  private TenantControlPlaneProcesses(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts the named containers of the Deployment, in the given order.
   *
   * @param binaries the directories holding the upstream binaries, searched in order
   */
  static TenantControlPlaneProcesses start(
      V1Deployment deployment,
      Map<String, V1Secret> secrets,
      Map<String, V1ConfigMap> configMaps,
      List<Path> binaries,
      Path dir,
      List<String> containers)
      throws IOException {
    return start(deployment, secrets, configMaps, binaries, dir, containers, Map.of());
  }

  /**
   * As {@link #start(V1Deployment, Map, Map, List, Path, List)}, but the containers named in {@code
   * images} run from those image tarballs as containers (runc), their volumes mounted at the paths
   * the mapped command line names.
   */
  static TenantControlPlaneProcesses start(
      V1Deployment deployment,
      Map<String, V1Secret> secrets,
      Map<String, V1ConfigMap> configMaps,
      List<Path> binaries,
      Path dir,
      List<String> containers,
      Map<String, Path> images)
      throws IOException {
    TenantControlPlaneProcesses running = new TenantControlPlaneProcesses(dir);
    V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Map<String, Path> volumes = new LinkedHashMap<>();
    for (V1Volume volume : nullToEmpty(pod.getVolumes())) {
      volumes.put(volume.getName(), dir.resolve("volumes").resolve(volume.getName()));
    }
    for (V1Volume volume : nullToEmpty(pod.getVolumes())) {
      materialize(
          volume,
          volumes.get(volume.getName()),
          secrets,
          configMaps,
          mountsOfFirstUser(pod, volume.getName(), volumes));
    }
    Files.createDirectories(dir.resolve("logs"));
    try {
      for (String name : containers) {
        V1Container container =
            pod.getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + name));
        if (images.containsKey(name)) {
          running.containers.put(
              name, running.launchImage(container, volumes, secrets, images.get(name)));
        } else {
          running.processes.put(name, running.launch(container, volumes, secrets, binaries));
        }
      }
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
    return running;
  }

  /** The command line a container was started with, after mapping paths. */
  static List<String> commandLine(
      V1Container container, Map<String, Path> volumes, Map<String, String> env) {
    List<Map.Entry<String, String>> mounts = mounts(container, volumes);
    List<String> line = new ArrayList<>();
    for (String word : concat(container.getCommand(), container.getArgs())) {
      line.add(mapPaths(expand(word, env), mounts));
    }
    return line;
  }

  /**
   * A ConfigMap file's text with mount paths mapped as the first container that mounts its volume
   * sees them: a configuration file can name a path in another volume (the egress selector
   * configuration names konnectivity's socket), which must resolve as it would in the pod.
   */
  static String fileContent(String text, List<Map.Entry<String, String>> mounts) {
    return mapPaths(text, mounts);
  }

  private static List<Map.Entry<String, String>> mountsOfFirstUser(
      V1PodSpec pod, String volume, Map<String, Path> volumes) {
    for (V1Container container : pod.getContainers()) {
      if (nullToEmpty(container.getVolumeMounts()).stream()
          .anyMatch(m -> m.getName().equals(volume))) {
        return mounts(container, volumes);
      }
    }
    return List.of();
  }

  /** A container's mount paths and their local directories, the longest mount path first. */
  static List<Map.Entry<String, String>> mounts(V1Container container, Map<String, Path> volumes) {
    List<Map.Entry<String, String>> mounts = new ArrayList<>();
    for (V1VolumeMount mount : nullToEmpty(container.getVolumeMounts())) {
      Path source = volumes.get(mount.getName());
      if (source == null) {
        throw new IllegalArgumentException("mount of an undeclared volume " + mount.getName());
      }
      if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
        source = source.resolve(mount.getSubPath());
      }
      mounts.add(Map.entry(mount.getMountPath(), source.toString()));
    }
    // Longest mount path first, so /etc/kubernetes/pki wins over /etc/kubernetes.
    mounts.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    return mounts;
  }

  private static String mapPaths(String word, List<Map.Entry<String, String>> mounts) {
    for (Map.Entry<String, String> mount : mounts) {
      String path = mount.getKey();
      int at = word.indexOf(path);
      while (at >= 0) {
        int end = at + path.length();
        boolean whole = end == word.length() || !isNameCharacter(word.charAt(end));
        if (whole) {
          word = word.substring(0, at) + mount.getValue() + word.substring(end);
          at = word.indexOf(path, at + mount.getValue().length());
        } else {
          at = word.indexOf(path, end);
        }
      }
    }
    return word;
  }

  /** A character that continues a file name, so {@code /etc/kubernetes-extra} is not a mount. */
  private static boolean isNameCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }

  private static String expand(String word, Map<String, String> env) {
    Matcher matcher = VARIABLE.matcher(word);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private Process launch(
      V1Container container,
      Map<String, Path> volumes,
      Map<String, V1Secret> secrets,
      List<Path> binaries)
      throws IOException {
    Map<String, String> env = environment(container, secrets);
    List<String> line = new ArrayList<>(commandLine(container, volumes, env));
    String binary = Path.of(line.get(0)).getFileName().toString();
    line.set(
        0,
        binaries.stream()
            .map(d -> d.resolve(binary))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no binary " + binary + " in " + binaries))
            .toString());
    Files.writeString(
        dir.resolve("logs/" + container.getName() + ".cmdline"), String.join("\n", line));
    ProcessBuilder builder =
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs/" + container.getName() + ".log").toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * A container run from its image: the command line mapped as for a process, each volume it mounts
   * bound at its local path (where the mapped command line points), readable by the image's user
   * and writable where the pod would write (sockets in emptyDirs).
   */
  private OciContainer launchImage(
      V1Container container, Map<String, Path> volumes, Map<String, V1Secret> secrets, Path image)
      throws IOException {
    Map<String, String> env = environment(container, secrets);
    List<String> line = commandLine(container, volumes, env);
    int commandWords = nullToEmpty(container.getCommand()).size();
    Map<String, Path> binds = new LinkedHashMap<>();
    for (Map.Entry<String, String> mount : mounts(container, volumes)) {
      Path local = Path.of(mount.getValue());
      binds.put(local.toString(), local);
      OciContainer.share(local, true);
    }
    Files.writeString(
        dir.resolve("logs/" + container.getName() + ".cmdline"), String.join("\n", line));
    try {
      return OciContainer.run(
          image,
          dir.resolve("containers").resolve(container.getName()),
          line.subList(0, commandWords),
          line.subList(commandWords, line.size()),
          binds,
          env);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Map<String, String> environment(
      V1Container container, Map<String, V1Secret> secrets) {
    Map<String, String> env = new LinkedHashMap<>();
    for (V1EnvFromSource from : nullToEmpty(container.getEnvFrom())) {
      if (from.getSecretRef() != null) {
        V1Secret secret = secrets.get(from.getSecretRef().getName());
        if (secret != null && secret.getData() != null) {
          secret.getData().forEach((k, v) -> env.put(k, new String(v, StandardCharsets.UTF_8)));
        }
      }
    }
    for (V1EnvVar var : nullToEmpty(container.getEnv())) {
      if (var.getValue() != null) {
        env.put(var.getName(), expand(var.getValue(), env));
      }
    }
    return env;
  }

  private static void materialize(
      V1Volume volume,
      Path target,
      Map<String, V1Secret> secrets,
      Map<String, V1ConfigMap> configMaps,
      List<Map.Entry<String, String>> mounts)
      throws IOException {
    Files.createDirectories(target);
    if (volume.getSecret() != null) {
      writeSecret(
          target, secrets.get(volume.getSecret().getSecretName()), volume.getSecret().getItems());
    } else if (volume.getConfigMap() != null) {
      writeConfigMap(
          target,
          configMaps.get(volume.getConfigMap().getName()),
          volume.getConfigMap().getItems(),
          mounts);
    } else if (volume.getProjected() != null) {
      for (V1VolumeProjection source : nullToEmpty(volume.getProjected().getSources())) {
        if (source.getSecret() != null) {
          writeSecret(
              target, secrets.get(source.getSecret().getName()), source.getSecret().getItems());
        } else if (source.getConfigMap() != null) {
          writeConfigMap(
              target,
              configMaps.get(source.getConfigMap().getName()),
              source.getConfigMap().getItems(),
              mounts);
        }
      }
    }
    // emptyDir and anything else: an empty directory.
  }

  private static void writeSecret(Path target, V1Secret secret, List<V1KeyToPath> items)
      throws IOException {
    Map<String, byte[]> data =
        secret == null || secret.getData() == null ? Map.of() : secret.getData();
    write(target, data, items);
  }

  private static void writeConfigMap(
      Path target,
      V1ConfigMap configMap,
      List<V1KeyToPath> items,
      List<Map.Entry<String, String>> mounts)
      throws IOException {
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (configMap != null && configMap.getData() != null) {
      configMap
          .getData()
          .forEach((k, v) -> data.put(k, fileContent(v, mounts).getBytes(StandardCharsets.UTF_8)));
    }
    write(target, data, items);
  }

  private static void write(Path target, Map<String, byte[]> data, List<V1KeyToPath> items)
      throws IOException {
    if (items == null || items.isEmpty()) {
      for (Map.Entry<String, byte[]> entry : data.entrySet()) {
        writeFile(target.resolve(entry.getKey()), entry.getValue());
      }
      return;
    }
    for (V1KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value != null) {
        writeFile(target.resolve(item.getPath()), value);
      }
    }
  }

  private static void writeFile(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    // As kine's init container leaves them: private to the owner (PostgreSQL insists on it).
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Whether every process still runs. */
  boolean alive() {
    return processes.values().stream().allMatch(Process::isAlive)
        && containers.values().stream().allMatch(OciContainer::isRunning);
  }

  /** The output of one container, for failure messages. */
  String log(String container) {
    if (containers.containsKey(container)) {
      return containers.get(container).log();
    }
    try {
      return Files.readString(dir.resolve("logs/" + container + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    for (OciContainer container : containers.values()) {
      try {
        container.close();
      } catch (IOException e) {
        // keep stopping the rest
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Process> reversed = new ArrayList<>(processes.values());
    java.util.Collections.reverse(reversed);
    for (Process process : reversed) {
      process.destroy();
    }
    for (Process process : reversed) {
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(nullToEmpty(a));
    all.addAll(nullToEmpty(b));
    return all;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
