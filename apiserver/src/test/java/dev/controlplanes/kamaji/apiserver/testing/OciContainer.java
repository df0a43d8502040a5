package dev.controlplanes.kamaji.apiserver.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A container image of {@code hack/image/build.sh} (an OCI image layout in a tarball) run by runc,
 * the runtime under containerd on a node: the layers unpacked in order into a root file system, the
 * image's entrypoint, environment and user, its own mount, PID, IPC and UTS namespaces, but the
 * host's network, since the tests talk to it over loopback. Killed and deleted on close.
 */
public final class OciContainer implements AutoCloseable {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final String id;
  private final Process runc;
  private final Path log;

  private OciContainer(String id, Process runc, Path log) {
    this.id = id;
    this.runc = runc;
    this.log = log;
  }

  /**
   * The image tarball of a module: {@code $KAMAJI_<MODULE>_IMAGE} or {@code <module>/target/
   * image.tar} of the enclosing checkout, which {@code hack/image/build.sh} writes (and {@code
   * hack/test.sh} runs before the tests).
   */
  public static Path image(String module) {
    String env = System.getenv("KAMAJI_" + module.toUpperCase().replace('-', '_') + "_IMAGE");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path tar = p.resolve(module).resolve("target/image.tar");
      if (Files.isRegularFile(p.resolve("hack/image/build.sh"))) {
        if (!Files.isRegularFile(tar)) {
          throw new IllegalStateException(tar + " is missing: run hack/image/build.sh first");
        }
        return tar;
      }
    }
    throw new IllegalStateException("run inside the checkout or set the image's variable");
  }

  /**
   * Opens a tree of the test's to the image's unprivileged user: files readable by all, directories
   * readable by all or, when {@code writable}, writable too (where the container makes a socket).
   */
  public static void share(Path tree, boolean writable) throws IOException {
    String directories = writable ? "rwxrwxrwx" : "rwxr-xr-x";
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path p : files.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? directories : "rw-r--r--"));
      }
    }
  }

  /** The name the image is tagged with, such as {@code kamaji-java/apiserver:latest}. */
  public static String reference(Path image) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("tar", "-xOf", image.toString(), "index.json").start();
    String index = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("no index.json in " + image);
    }
    return manifestOf(JsonParser.parseString(index).getAsJsonObject())
        .getAsJsonObject("annotations")
        .get("org.opencontainers.image.ref.name")
        .getAsString();
  }

  /**
   * Starts the image's entrypoint with {@code args} as a container.
   *
   * @param work a directory of the test's for the bundle and the log
   * @param binds host directories mounted read-write at the given container paths
   */
  public static OciContainer run(Path image, Path work, List<String> args, Map<String, Path> binds)
      throws IOException, InterruptedException {
    return run(image, work, args, binds, Map.of());
  }

  /** As {@link #run(Path, Path, List, Map)}, with {@code env} added to the image's environment. */
  public static OciContainer run(
      Path image, Path work, List<String> args, Map<String, Path> binds, Map<String, String> env)
      throws IOException, InterruptedException {
    return run(image, work, List.of(), args, binds, env);
  }

  /**
   * As a pod's container: {@code command}, when not empty, replaces the image's entrypoint, as a
   * container's {@code command} does.
   */
  public static OciContainer run(
      Path image,
      Path work,
      List<String> command,
      List<String> args,
      Map<String, Path> binds,
      Map<String, String> env)
      throws IOException, InterruptedException {
    Path bundle = Files.createDirectories(work.resolve("bundle"));
    JsonObject config =
        unpack(image, work.resolve("image"), Files.createDirectories(bundle.resolve("rootfs")));
    exec(List.of("runc", "spec", "--bundle", bundle.toString()));
    JsonObject spec = read(bundle, "config.json");
    JsonObject process = spec.getAsJsonObject("process");
    JsonArray argv = new JsonArray();
    if (command.isEmpty()) {
      config.getAsJsonArray("Entrypoint").forEach(argv::add);
    } else {
      command.forEach(argv::add);
    }
    args.forEach(argv::add);
    process.add("args", argv);
    JsonArray environment = config.getAsJsonArray("Env").deepCopy();
    env.forEach((name, value) -> environment.add(name + "=" + value));
    process.add("env", environment);
    process.addProperty("terminal", false);
    String[] user = config.get("User").getAsString().split(":");
    JsonObject uid = new JsonObject();
    uid.addProperty("uid", Integer.parseInt(user[0]));
    uid.addProperty("gid", Integer.parseInt(user.length > 1 ? user[1] : user[0]));
    process.add("user", uid);
    spec.getAsJsonObject("root").addProperty("readonly", false);
    JsonArray namespaces = new JsonArray();
    for (JsonElement ns : spec.getAsJsonObject("linux").getAsJsonArray("namespaces")) {
      if (!ns.getAsJsonObject().get("type").getAsString().equals("network")) {
        namespaces.add(ns);
      }
    }
    spec.getAsJsonObject("linux").add("namespaces", namespaces);
    binds.forEach((target, source) -> spec.getAsJsonArray("mounts").add(bind(target, source)));
    Files.writeString(bundle.resolve("config.json"), GSON.toJson(spec));

    String id = "kamaji-test-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = work.resolve("container.log");
    Process runc =
        new ProcessBuilder("runc", "run", "--bundle", bundle.toString(), id)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new OciContainer(id, runc, log);
  }

  /** What the container wrote to stdout and stderr so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isRunning() {
    return runc.isAlive();
  }

  /** Waits for the container's process to end and returns its exit code. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!runc.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("still running after " + timeout + ":\n" + log());
    }
    return runc.exitValue();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("runc", "kill", id, "KILL")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
    runc.waitFor(20, TimeUnit.SECONDS);
    exec(List.of("runc", "delete", "--force", id));
  }

  /**
   * Unpacks the image's layers, in order, into {@code rootfs}; the image's configuration
   * (entrypoint, environment, user).
   */
  private static JsonObject unpack(Path image, Path layout, Path rootfs)
      throws IOException, InterruptedException {
    Files.createDirectories(layout);
    exec(List.of("tar", "-xf", image.toString(), "-C", layout.toString()));
    JsonObject manifest = read(layout, blob(manifestOf(read(layout, "index.json"))));
    // Images built from scratch by Jib have no whiteout files to apply.
    for (JsonElement layer : manifest.getAsJsonArray("layers")) {
      Path tar = layout.resolve(blob(layer.getAsJsonObject()));
      exec(List.of("tar", "-xzf", tar.toString(), "-C", rootfs.toString()));
    }
    return read(layout, blob(manifest.getAsJsonObject("config"))).getAsJsonObject("config");
  }

  /** The descriptor of the one image an index of hack/image/build.sh holds. */
  private static JsonObject manifestOf(JsonObject index) {
    return index.getAsJsonArray("manifests").get(0).getAsJsonObject();
  }

  /** A read-write bind mount of {@code source} at {@code target}, in runc's terms. */
  private static JsonObject bind(String target, Path source) {
    JsonObject mount = new JsonObject();
    mount.addProperty("destination", target);
    mount.addProperty("type", "bind");
    mount.addProperty("source", source.toString());
    JsonArray options = new JsonArray();
    options.add("rbind");
    options.add("rw");
    mount.add("options", options);
    return mount;
  }

  private static String blob(JsonObject descriptor) {
    return "blobs/sha256/" + descriptor.get("digest").getAsString().substring("sha256:".length());
  }

  private static JsonObject read(Path dir, String file) throws IOException {
    return JsonParser.parseString(Files.readString(dir.resolve(file))).getAsJsonObject();
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }
}
