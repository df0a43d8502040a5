package dev.controlplanes.kamaji.konnectivity.bench;

import dev.controlplanes.kamaji.konnectivity.testing.FrontendClient;
import dev.controlplanes.kamaji.konnectivity.testing.Ports;
import dev.controlplanes.kamaji.konnectivity.testing.Processes;
import dev.controlplanes.kamaji.konnectivity.testing.TestPki;
import dev.controlplanes.kamaji.konnectivity.testing.Upstream;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamAgent;
import dev.controlplanes.kamaji.konnectivity.testing.UpstreamServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Our server and the upstream proxy-server side by side in one run: each as its own process, each
 * with its own upstream proxy-agent (same binary and flags), the same Java frontend client (gRPC
 * over the Unix socket, one Proxy stream per tunnel, all on one connection) and the same target; a
 * second set of dials and of transfers comes from Go clients that open a new connection per tunnel,
 * as kube-apiserver does. Prints a Markdown table with the ratios ours/upstream.
 */
public final class KonnectivityBench {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private record Subject(String name, long pid, Path socket, FrontendClient client, boolean jvm) {}

  private final int oneTunnelMib = Integer.getInteger("bench.oneTunnelMiB", 256);
  private final int tunnels = Integer.getInteger("bench.tunnels", 100);
  private final int perTunnelMib = Integer.getInteger("bench.perTunnelMiB", 8);
  // A p99 of 1,000 dials is the 10th slowest: it moved by a third between identical runs.
  private final int dials = Integer.getInteger("bench.dials", 5000);
  private final int idle = Integer.getInteger("bench.idleTunnels", 1000);
  private final int rounds = Integer.getInteger("bench.rounds", 3);
  // Our JIT compiles on the two cores both servers share, so the measured dials must come after it
  // settles: after 2,000 warm-up dials about 130 C2 compilations landed during 1,000 measured
  // dials; after 10,000, 102-136 during the 5,000 on one connection and 111-124 with a connection
  // per dial; after 30,000, 43-76 and 3-15 (docs/benchmarks.md).
  private final int warmupDials = Integer.getInteger("bench.warmupDials", 30_000);
  // kube-apiserver opens a new gRPC connection for every dial; these dials do the same.
  private final int connectionDials = Integer.getInteger("bench.connectionDials", 5000);
  private final int connectionWarmupDials =
      Integer.getInteger("bench.connectionWarmupDials", 30_000);
  private BulkTarget target;

  public static void main(String[] args) throws Exception {
    Path out =
        Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("konn-bench").toString());
    new KonnectivityBench().run(out);
    System.exit(0);
  }

  private void run(Path out) throws Exception {
    Files.createDirectories(out);
    Path bin = Upstream.konnectivity();
    TestPki pki = TestPki.create(out.resolve("pki"));
    List<AutoCloseable> cleanup = new ArrayList<>();
    Process ours = null;
    try {
      target = new BulkTarget();
      cleanup.add(target);

      Path upstreamSocket = out.resolve("upstream.socket");
      UpstreamServer upstream =
          new UpstreamServer(bin, pki, upstreamSocket, out.resolve("upstream-server.log"));
      cleanup.add(upstream);

      Path oursSocket = out.resolve("ours.socket");
      int oursAgentPort = Ports.free();
      ours = startOurs(pki, oursSocket, oursAgentPort, out.resolve("our-server.log"));

      for (int[] p : new int[][] {{upstream.agentPort}, {oursAgentPort}}) {
        UpstreamAgent a =
            new UpstreamAgent(bin, pki, p[0], "bench-agent-" + p[0], out.resolve("agents.log"));
        cleanup.add(a.start());
      }
      Subject up =
          new Subject(
              "upstream",
              upstream.pid(),
              upstreamSocket,
              new FrontendClient(upstreamSocket),
              false);
      Subject java =
          new Subject("ours", ours.pid(), oursSocket, new FrontendClient(oursSocket), true);
      cleanup.add(up.client());
      cleanup.add(java.client());
      awaitDial(up);
      awaitDial(java);

      System.err.println("bench: warm-up");
      for (Subject s : List.of(up, java)) {
        oneTunnel(s, 64);
        dialLatencies(s, warmupDials);
      }
      double[][] results = new double[2][10];
      List<Subject> subjects = List.of(up, java);
      for (int i = 0; i < 2; i++) {
        // Idle memory first, while the heaps hold little garbage from the transfers.
        System.err.println("bench: idle tunnels on " + subjects.get(i).name());
        results[i][4] = idleTunnelKib(subjects.get(i));
      }
      System.err.println("bench: dials, alternating between the servers");
      double[][] lat = interleavedDialLatencies(subjects, dials);
      for (int i = 0; i < 2; i++) {
        results[i][2] = percentile(lat[i], 50);
        results[i][3] = percentile(lat[i], 99);
      }
      System.err.println("bench: dials as kube-apiserver makes them, alternating");
      double[][] fresh = kubeApiServerDialLatencies(subjects, bin, out.resolve("dial-bench.log"));
      for (int i = 0; i < 2; i++) {
        results[i][6] = percentile(fresh[i], 50);
        results[i][7] = percentile(fresh[i], 99);
      }
      for (int i = 0; i < 2; i++) {
        Subject s = subjects.get(i);
        System.err.println("bench: throughput of " + s.name());
        double[] single = new double[rounds];
        double[] many = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          single[r] = oneTunnel(s, oneTunnelMib);
          many[r] = manyTunnels(s);
        }
        results[i][0] = median(single);
        results[i][1] = median(many);
        results[i][5] = rssKib(s.pid()) / 1024.0;
      }
      System.err.println("bench: throughput as kube-apiserver reads, alternating");
      double[][] singleGo =
          kubeApiServerThroughput(subjects, bin, 1, oneTunnelMib, out.resolve("tunnel-bench.log"));
      double[][] manyGo =
          kubeApiServerThroughput(
              subjects, bin, tunnels, perTunnelMib, out.resolve("tunnel-bench.log"));
      for (int i = 0; i < 2; i++) {
        results[i][8] = median(singleGo[i]);
        results[i][9] = median(manyGo[i]);
      }
      String table = table(results);
      System.out.println(table);
      Files.writeString(out.resolve("results.md"), table);
      Files.writeString(
          out.resolve("dial-percentiles.md"),
          dialPercentiles(subjects, "one connection", lat)
              + dialPercentiles(subjects, "a new connection each", fresh));
      Files.writeString(out.resolve("dials-one-connection.txt"), inTurns(lat));
      Files.writeString(out.resolve("dials-new-connection.txt"), inTurns(fresh));
    } finally {
      for (int i = cleanup.size() - 1; i >= 0; i--) {
        try {
          cleanup.get(i).close();
        } catch (Exception e) {
          // keep cleaning up
        }
      }
      Processes.stop(ours);
    }
  }

  private Process startOurs(TestPki pki, Path socket, int agentPort, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(List.of(System.getProperty("bench.serverJvm", "-Xmx512m").split(";")));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.controlplanes.kamaji.konnectivity.server.ServerMain",
            "--mode=grpc",
            "--uds-name=" + socket,
            "--server-port=0",
            "--cluster-cert=" + pki.serverCert,
            "--cluster-key=" + pki.serverKey,
            "--agent-bind-address=127.0.0.1",
            "--agent-port=" + agentPort,
            "--health-bind-address=127.0.0.1",
            "--health-port=" + Ports.free(),
            "--admin-port=" + Ports.free(),
            "--server-count=1",
            "--server-id=java-server"));
    System.err.println("bench: our server: " + String.join(" ", cmd.subList(0, 3)) + " ...");
    Process p = Processes.start(cmd, log);
    for (int i = 0; i < 300 && !Files.exists(socket); i++) {
      Thread.sleep(100);
    }
    if (!Files.exists(socket)) {
      Processes.stop(p);
      throw new IllegalStateException("our server did not start, see " + log);
    }
    return p;
  }

  private void awaitDial(Subject s) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        FrontendClient.Tunnel t = s.client().dial(address(), Duration.ofSeconds(5));
        t.write(count(0));
        t.close(Duration.ofSeconds(5));
        return;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private String address() {
    return "127.0.0.1:" + target.port();
  }

  private static byte[] count(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  /** MiB/s through one tunnel. */
  private double oneTunnel(Subject s, int mib) throws Exception {
    long bytes = (long) mib << 20;
    FrontendClient.Tunnel t = s.client().dial(address(), TIMEOUT);
    long start = System.nanoTime();
    t.write(count(bytes));
    long got = t.countToEnd(TIMEOUT);
    double secs = (System.nanoTime() - start) / 1e9;
    t.cancel();
    check(got, bytes);
    return mib / secs;
  }

  /** Aggregate MiB/s over {@link #tunnels} concurrent tunnels. */
  private double manyTunnels(Subject s) throws Exception {
    long bytes = (long) perTunnelMib << 20;
    List<FrontendClient.Tunnel> ts = new ArrayList<>();
    for (int i = 0; i < tunnels; i++) {
      ts.add(s.client().dial(address(), TIMEOUT));
    }
    ExecutorService pool = Executors.newFixedThreadPool(tunnels);
    try {
      long start = System.nanoTime();
      List<Future<Long>> results = new ArrayList<>();
      for (FrontendClient.Tunnel t : ts) {
        results.add(
            pool.submit(
                () -> {
                  t.write(count(bytes));
                  return t.countToEnd(TIMEOUT);
                }));
      }
      for (Future<Long> f : results) {
        check(f.get(), bytes);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      ts.forEach(FrontendClient.Tunnel::cancel);
      return (double) tunnels * perTunnelMib / secs;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Milliseconds from opening a Proxy stream to a successful DIAL_RSP, one dial at a time. */
  private double[] dialLatencies(Subject s, int n) throws Exception {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      ms[i] = timedDial(s);
    }
    return ms;
  }

  /**
   * {@code n} dials per server, one at a time, the servers taking turns, so that whatever else the
   * machine does in the meantime (this JVM's GC included) falls on both servers alike; the servers
   * start settled (a pause after the idle-tunnel phase, this JVM's garbage collected).
   */
  private double[][] interleavedDialLatencies(List<Subject> subjects, int n) throws Exception {
    Thread.sleep(3000);
    System.gc();
    double[][] ms = new double[subjects.size()][n];
    for (int i = 0; i < n; i++) {
      // Who goes first alternates too, so neither always dials right after the other.
      for (int k = 0; k < subjects.size(); k++) {
        int j = (i + k) % subjects.size();
        ms[j][i] = timedDial(subjects.get(j));
      }
    }
    return ms;
  }

  private double timedDial(Subject s) throws Exception {
    long start = System.nanoTime();
    FrontendClient.Tunnel t = s.client().dial(address(), TIMEOUT);
    double ms = (System.nanoTime() - start) / 1e6;
    t.write(count(0));
    t.close(Duration.ofSeconds(10));
    return ms;
  }

  /**
   * Milliseconds per dial as kube-apiserver v1.34 dials in gRPC mode: a new gRPC connection over
   * the Unix socket for every dial, then one Proxy stream and one DIAL_REQ (konnectivity-client's
   * single-use tunnel). The Go client {@code dial-bench}, built with the upstream components, makes
   * them: after a warm-up on each server, the servers in turn.
   */
  private double[][] kubeApiServerDialLatencies(List<Subject> subjects, Path bin, Path log)
      throws Exception {
    Thread.sleep(3000);
    return runGoClient(
        subjects,
        bin.resolve("dial-bench"),
        log,
        "-dials",
        Integer.toString(connectionDials),
        "-warmup",
        Integer.toString(connectionWarmupDials));
  }

  /**
   * MiB/s per round through {@code k} concurrent tunnels of {@code mib} MiB each, read as
   * kube-apiserver reads a tunnel: konnectivity-client's single-use tunnel on a new gRPC connection
   * each, by the Go client {@code tunnel-bench}, the servers in turn.
   */
  private double[][] kubeApiServerThroughput(
      List<Subject> subjects, Path bin, int k, int mib, Path log) throws Exception {
    return runGoClient(
        subjects,
        bin.resolve("tunnel-bench"),
        log,
        "-tunnels",
        Integer.toString(k),
        "-mib",
        Integer.toString(mib),
        "-rounds",
        Integer.toString(rounds));
  }

  /**
   * Runs a Go benchmark client against every server's socket and the target, its errors appended to
   * {@code log}, and returns the values it prints per socket ("socket v1 v2 ..."), in the order of
   * {@code subjects}.
   */
  private double[][] runGoClient(List<Subject> subjects, Path client, Path log, String... args)
      throws Exception {
    List<String> sockets = subjects.stream().map(s -> s.socket().toString()).toList();
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(client.toString(), "-sockets", String.join(",", sockets), "-address", address()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(client.getFileName() + " failed, see " + log);
    }
    double[][] values = new double[sockets.size()][];
    for (String line : output.split("\n")) {
      String[] fields = line.trim().split(" ");
      int j = sockets.indexOf(fields[0]);
      values[j] =
          Arrays.stream(fields, 1, fields.length).mapToDouble(Double::parseDouble).toArray();
    }
    return values;
  }

  /** Server RSS growth per established idle tunnel, in KiB. */
  private double idleTunnelKib(Subject s) throws Exception {
    Thread.sleep(2000);
    collectGarbage(s);
    long before = rssKib(s.pid());
    List<FrontendClient.Tunnel> ts = new ArrayList<>();
    for (int i = 0; i < idle; i++) {
      FrontendClient.Tunnel t = s.client().dial(address(), TIMEOUT);
      t.write(count(0));
      ts.add(t);
    }
    Thread.sleep(3000);
    collectGarbage(s);
    long after = rssKib(s.pid());
    for (FrontendClient.Tunnel t : ts) {
      t.close(Duration.ofSeconds(10));
    }
    return (double) (after - before) / idle;
  }

  /**
   * A full GC in our server before reading its RSS, so the figure is live data rather than garbage
   * the JVM has not collected yet (Go's collector runs on its own at these heap sizes).
   */
  private static void collectGarbage(Subject s) throws Exception {
    if (s.jvm()) {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      new ProcessBuilder(jcmd, Long.toString(s.pid()), "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
      Thread.sleep(500);
    }
  }

  private static long rssKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static void check(long got, long expected) {
    if (got != expected) {
      throw new IllegalStateException("received " + got + " bytes, expected " + expected);
    }
  }

  private static double median(double[] v) {
    return percentile(v, 50);
  }

  private static double percentile(double[] v, double p) {
    double[] s = v.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  /**
   * Every dial's milliseconds, a line per turn: the dial through the upstream server, then the one
   * through ours made right after or before it, to tell the machine's hiccups from a server's.
   */
  private static String inTurns(double[][] ms) {
    StringBuilder sb = new StringBuilder("# upstream ours\n");
    for (int i = 0; i < Math.min(ms[0].length, ms[1].length); i++) {
      sb.append(String.format(Locale.ROOT, "%.3f %.3f%n", ms[0][i], ms[1][i]));
    }
    return sb.toString();
  }

  /** Where the dial latencies of each server part, in ms: the whole tail, not just its p99. */
  private static String dialPercentiles(List<Subject> subjects, String pattern, double[][] ms) {
    double[] ps = {50, 90, 95, 98, 99, 99.5, 99.9};
    StringBuilder sb = new StringBuilder("| dials, " + pattern);
    for (double p : ps) {
      sb.append(" | p").append(p % 1 == 0 ? Integer.toString((int) p) : Double.toString(p));
    }
    sb.append(" |\n|---").append("|---:".repeat(ps.length)).append("|\n");
    for (int i = 0; i < subjects.size(); i++) {
      sb.append("| ").append(subjects.get(i).name());
      for (double p : ps) {
        sb.append(String.format(Locale.ROOT, " | %.2f", percentile(ms[i], p)));
      }
      sb.append(" |\n");
    }
    return sb.append("\n").toString();
  }

  private String table(double[][] r) {
    String[] names = {
      "throughput, 1 tunnel (" + oneTunnelMib + " MiB), MiB/s",
      "throughput, " + tunnels + " tunnels x " + perTunnelMib + " MiB, MiB/s",
      "dial latency p50, ms (" + dials + " sequential dials)",
      "dial latency p99, ms",
      "memory per idle tunnel, KiB RSS (" + idle + " tunnels)",
      "server RSS at the end, MiB",
      "dial latency p50, ms (" + connectionDials + " dials, a new connection each)",
      "dial latency p99, ms (a new connection each)",
      "throughput, 1 tunnel (" + oneTunnelMib + " MiB), konnectivity-client, MiB/s",
      "throughput, " + tunnels + " tunnels x " + perTunnelMib + " MiB, konnectivity-client, MiB/s"
    };
    StringBuilder sb = new StringBuilder();
    sb.append("| metric | upstream v0.34.0 | ours | ratio ours/upstream |\n");
    sb.append("|---|---:|---:|---:|\n");
    for (int i = 0; i < names.length; i++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %.2f |%n",
              names[i],
              r[0][i],
              r[1][i],
              r[1][i] / r[0][i]));
    }
    return sb.toString();
  }
}
