package dev.controlplanes.kamaji.apiserver.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the installed kubectl binary against the test server with one user's kubeconfig. */
public final class Kubectl {

  /** What a kubectl run printed and returned. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl failed (" + exitCode + "): " + stderr + stdout);
      }
      return this;
    }
  }

  private final Path kubeconfig;
  private final Path cacheDir;

  public Kubectl(Path kubeconfig, Path cacheDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  public Result run(String... args) {
    return run(Map.of(), null, args);
  }

  /** Runs with extra environment (e.g. KUBE_EDITOR) and optional standard input. */
  public Result run(Map<String, String> env, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.add("--request-timeout=30s");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().remove("KUBECONFIG");
    try {
      Process process = builder.start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      var out = process.getInputStream();
      var err = process.getErrorStream();
      var stdout = new java.util.concurrent.CompletableFuture<String>();
      var stderr = new java.util.concurrent.CompletableFuture<String>();
      new Thread(() -> stdout.complete(read(out))).start();
      new Thread(() -> stderr.complete(read(err))).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl timed out: " + command);
      }
      return new Result(
          process.exitValue(), stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS));
    } catch (IOException
        | InterruptedException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("could not run kubectl", e);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
