package dev.controlplanes.kamaji.apiserver.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Issue 3: the same TenantControlPlane objects served three ways, measured in one run with the same
 * load: {@code agg} (our server behind kube-apiserver's aggregation layer, group
 * kamaji.clastix.io), {@code crd} (kube-apiserver itself, as a CRD in group crd.kamaji.clastix.io)
 * and, optionally, {@code direct} (our server without kube-apiserver in front, to separate the
 * aggregation hop from our server's own time). Run by {@code hack/bench/aggregation-vs-crd.sh}.
 *
 * <p>Each path gets its own namespace holding N objects, so lists are the same size everywhere.
 * Phases run path after path (agg, crd, direct) after a warm-up of every path, except the watch
 * phase, where every path's watches are open together and the paths take turns, one update each.
 * Watch latency is from the moment the write is sent (the PUT request) to the event's arrival at
 * each watcher; one update is in flight at a time. The time from the write's acknowledgement (the
 * PUT response) is reported too, but it cannot be compared: an event often arrives before its
 * write's response, which makes that median negative on kube-apiserver's own path.
 *
 * <pre>
 *   --target name=URL,CERTDIR,GROUP_PATH,API_VERSION   (repeatable; CERTDIR holds admin.crt,
 *                                                       admin.key and serving-ca.crt)
 *   --namespace-prefix P   --n 1000   --clients 8   --get-requests 5000   --list-runs 10
 *   --watchers 100   --watch-events 100   --warmup 200   --warmup-gets 2000
 *   --warmup-watch-events 200   --warmup-updates 0   --warmup-updates-target direct
 *   --results FILE
 * </pre>
 */
public final class AggregationVsCrdBenchmark {

  private static final Pattern SEQ = Pattern.compile("\"bench\\.kamaji\\.dev/seq\":\"(\\d+)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private record Target(
      String name, URI base, Path certs, String groupPath, String apiVersion, HttpClient http) {}

  private final List<Target> targets = new ArrayList<>();
  private final Map<String, String> flags;
  private final String prefix;

  /** phase -> target -> cells. */
  private final Map<String, Map<String, String[]>> table = new LinkedHashMap<>();

  private final Map<String, Double> headline = new HashMap<>();

  /**
   * Process name -> pid, from --pids name=pid,...: CPU seconds per phase are reported per process.
   */
  private final Map<String, Long> pids = new LinkedHashMap<>();

  private String lastCpu = "";

  /** For JfrHotSpots: name, label, start and end (epoch ms) of every measured phase. */
  private final List<String> phaseLog = new ArrayList<>();

  private long phaseStartMs;

  private AggregationVsCrdBenchmark(Map<String, String> flags, List<String> targetSpecs)
      throws Exception {
    this.flags = flags;
    this.prefix = flags.getOrDefault("namespace-prefix", "bench");
    if (flags.containsKey("pids")) {
      for (String pair : flags.get("pids").split(",")) {
        String[] kv = pair.split("=", 2);
        pids.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    for (String spec : targetSpecs) {
      String[] nv = spec.split("=", 2);
      String[] parts = nv[1].split(",");
      Path certs = Path.of(parts[1]);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(sslContext(certs))
              .proxy(HttpClient.Builder.NO_PROXY)
              .connectTimeout(Duration.ofSeconds(10))
              .executor(Executors.newFixedThreadPool(4, r -> daemon(r, "http-" + nv[0])))
              .build();
      targets.add(new Target(nv[0], URI.create(parts[0]), certs, parts[2], parts[3], http));
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    List<String> targetSpecs = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (key.equals("target")) {
        targetSpecs.add(args[i + 1]);
      } else {
        flags.put(key, args[i + 1]);
      }
    }
    new AggregationVsCrdBenchmark(flags, targetSpecs).run();
    System.exit(0);
  }

  private int flag(String name, int fallback) {
    return Integer.parseInt(flags.getOrDefault(name, Integer.toString(fallback)));
  }

  private String ns(Target t, String what) {
    return prefix + "-" + what + "-" + t.name();
  }

  private static String name(int i) {
    return "tcp-" + i;
  }

  private String objectPath(Target t, String namespace, int i) {
    return t.groupPath() + "/namespaces/" + namespace + "/tenantcontrolplanes/" + name(i);
  }

  private String body(Target t, String namespace, int i) {
    return BenchObjects.tenantControlPlane(name(i), namespace)
        .replace("\"kamaji.clastix.io/v1alpha1\"", "\"" + t.apiVersion() + "\"");
  }

  private void run() throws Exception {
    int n = flag("n", 1000);
    int clients = flag("clients", 8);
    int warm = flag("warmup", 200);
    // Warm-up: every path, so kube-apiserver's and our JITs, connection pools and caches are hot.
    for (Target t : targets) {
      log("warm-up " + t.name());
      create(t, ns(t, "warm"), warm, clients);
      get(t, ns(t, "warm"), warm, clients, flag("warmup-gets", 2000));
      list(t, ns(t, "warm"), 5);
      // The update and watch paths too: measured with only 20 updates, they would otherwise be
      // the first our server ever runs on the path measured first (class loading, interpreter).
      watch(t, ns(t, "warm"), warm, flag("watchers", 100), flag("warmup-watch-events", 200));
    }
    // Our server's write path in its steady state, as the GETs above: apiserver/jvm.options delays
    // C2, and a few hundred updates leave that path in C1. Sent to one of our paths only (direct
    // by default); the CRD path has no JIT to warm.
    int warmUpdates = flag("warmup-updates", 0);
    String warmUpdatesTarget = flags.getOrDefault("warmup-updates-target", "direct");
    for (Target t : targets) {
      if (warmUpdates > 0 && t.name().equals(warmUpdatesTarget)) {
        log("warm-up " + t.name() + ": " + warmUpdates + " updates");
        update(t, ns(t, "warm"), warm, clients, warmUpdates);
      }
    }
    for (Target t : targets) {
      double[] cpu0 = cpu();
      phaseStartMs = System.currentTimeMillis();
      long[] r = create(t, ns(t, "n"), n, clients);
      lastCpu = cpuSince(cpu0);
      put(
          "create (" + clients + " clients)",
          t,
          r,
          String.format(Locale.ROOT, "%.0f/s", n * 1e9 / r[2]));
      headline.put("create-tput-" + t.name(), n * 1e9 / r[2]);
    }
    int gets = flag("get-requests", 5000);
    for (Target t : targets) {
      double[] cpu0 = cpu();
      phaseStartMs = System.currentTimeMillis();
      long[] r = get(t, ns(t, "n"), n, clients, gets);
      lastCpu = cpuSince(cpu0);
      put(
          "get (" + clients + " clients, " + gets + " requests)",
          t,
          r,
          String.format(Locale.ROOT, "%.0f/s", gets * 1e9 / r[2]));
    }
    int lists = flag("list-runs", 10);
    for (Target t : targets) {
      double[] cpu0 = cpu();
      phaseStartMs = System.currentTimeMillis();
      long[] r = list(t, ns(t, "n"), lists);
      lastCpu = cpuSince(cpu0);
      put(
          "list (unpaged, " + n + " objects, " + lists + " runs)",
          t,
          r,
          String.format(Locale.ROOT, "%.1f MB", r[3] / 1e6));
    }
    // The paths take turns, one update each, with every path's watches open throughout: whatever
    // else the machine does during the phase (a JIT compiling, a GC, another process) then falls on
    // all paths alike instead of on whichever path it coincides with.
    int watchers = flag("watchers", 100);
    int events = flag("watch-events", 100);
    double[] cpu0 = cpu();
    phaseStartMs = System.currentTimeMillis();
    List<WatchRun> runs = new ArrayList<>();
    try {
      for (Target t : targets) {
        runs.add(new WatchRun(t, ns(t, "n"), n, watchers, events));
      }
      Thread.sleep(500);
      for (int k = 1; k <= events; k++) {
        for (WatchRun run : runs) {
          run.update(k);
        }
      }
    } finally {
      runs.forEach(WatchRun::close);
    }
    lastCpu = cpuSince(cpu0) + " (all paths)";
    for (WatchRun run : runs) {
      long[] r = run.result();
      put(
          "watch (" + watchers + " watchers, " + events + " updates, paths interleaved)",
          run.target,
          r,
          String.format(
              Locale.ROOT,
              "%d events, %d missed; from the PUT response: p50 %.2f ms",
              r[3],
              r[4],
              r[5] / 1e6));
    }
    String md = render();
    System.out.println(md);
    if (flags.containsKey("results")) {
      Files.writeString(Path.of(flags.get("results")), md);
    }
    if (flags.containsKey("phase-log")) {
      Files.write(Path.of(flags.get("phase-log")), phaseLog);
    }
  }

  /** Returns {p50, p99, wallNanos, extra}. */
  private long[] create(Target t, String namespace, int n, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    return parallel(
        clients,
        () -> {
          int i = next.getAndIncrement();
          if (i >= n) {
            return -1;
          }
          HttpResponse<String> r =
              send(
                  t,
                  "POST",
                  t.groupPath() + "/namespaces/" + namespace + "/tenantcontrolplanes",
                  body(t, namespace, i));
          if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IOException(t.name() + " create " + r.statusCode() + ": " + r.body());
          }
          return 0;
        });
  }

  private long[] get(Target t, String namespace, int n, int clients, int requests)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    return parallel(
        clients,
        () -> {
          if (next.getAndIncrement() >= requests) {
            return -1;
          }
          int i = ThreadLocalRandom.current().nextInt(n);
          HttpResponse<String> r = send(t, "GET", objectPath(t, namespace, i), null);
          if (r.statusCode() != 200) {
            throw new IOException(t.name() + " get " + r.statusCode() + ": " + r.body());
          }
          return 0;
        });
  }

  /**
   * Read-modify-write updates (GET, then PUT with the resourceVersion read) of the namespace's
   * first {@code n} objects in turn; a 409 from a concurrent writer counts as an update too.
   */
  private long[] update(Target t, String namespace, int n, int clients, int updates)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    return parallel(
        clients,
        () -> {
          int k = next.getAndIncrement();
          if (k >= updates) {
            return -1;
          }
          String path = objectPath(t, namespace, k % n);
          HttpResponse<String> got = send(t, "GET", path, null);
          if (got.statusCode() != 200) {
            throw new IOException(t.name() + " get " + got.statusCode() + ": " + got.body());
          }
          JsonObject object = JsonParser.parseString(got.body()).getAsJsonObject();
          JsonObject meta = object.getAsJsonObject("metadata");
          JsonObject annotations = new JsonObject();
          annotations.addProperty("bench.kamaji.dev/warm", Integer.toString(k));
          meta.add("annotations", annotations);
          HttpResponse<String> put = send(t, "PUT", path, object.toString());
          if (put.statusCode() != 200 && put.statusCode() != 409) {
            throw new IOException(t.name() + " put " + put.statusCode() + ": " + put.body());
          }
          return 0;
        });
  }

  private long[] list(Target t, String namespace, int runs) throws Exception {
    long[] samples = new long[runs];
    long bytes = 0;
    long start = System.nanoTime();
    for (int k = 0; k < runs; k++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          send(t, "GET", t.groupPath() + "/namespaces/" + namespace + "/tenantcontrolplanes", null);
      samples[k] = System.nanoTime() - t0;
      if (r.statusCode() != 200) {
        throw new IOException(t.name() + " list " + r.statusCode());
      }
      bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
    }
    long wall = System.nanoTime() - start;
    return new long[] {p(samples, runs, 50), p(samples, runs, 99), wall, bytes};
  }

  /** Opens the watches, runs the updates and measures them, for one path on its own. */
  private long[] watch(Target t, String namespace, int objects, int watchers, int events)
      throws Exception {
    try (WatchRun run = new WatchRun(t, namespace, objects, watchers, events)) {
      Thread.sleep(500);
      for (int k = 1; k <= events; k++) {
        run.update(k);
      }
      return run.result();
    }
  }

  /**
   * {@code watchers} watches of one namespace on one path, and the updates they see: update k (a
   * GET, then a PUT of the annotation {@code bench.kamaji.dev/seq: k} to a random object) waits
   * until every watch has received it. Latency is an event's arrival at a watch minus the moment
   * its PUT was sent (and, beside it, minus its PUT's response).
   */
  private final class WatchRun implements AutoCloseable {
    private final Target target;
    private final String namespace;
    private final int objects;
    private final int events;
    private final long[] sentAt;
    private final long[] ackAt;
    private final CountDownLatch[] arrived;
    private final long[] samples;
    private final int[] sampleSeq;
    private final AtomicInteger sampleCount = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final NettyWatchClient client;
    private final List<NettyWatchClient.Stream> streams = new ArrayList<>();
    private long missed;
    private long busyNanos;

    WatchRun(Target t, String namespace, int objects, int watchers, int events) throws Exception {
      this.target = t;
      this.namespace = namespace;
      this.objects = objects;
      this.events = events;
      this.sentAt = new long[events + 1];
      this.ackAt = new long[events + 1];
      this.arrived = new CountDownLatch[events + 1];
      for (int k = 1; k <= events; k++) {
        arrived[k] = new CountDownLatch(watchers);
      }
      this.samples = new long[watchers * events];
      this.sampleSeq = new int[watchers * events];
      log("watch " + t.name() + ": opening " + watchers + " watches");
      String collection = t.groupPath() + "/namespaces/" + namespace + "/tenantcontrolplanes";
      HttpResponse<String> head = send(t, "GET", collection + "?limit=1", null);
      String rv = BenchObjects.resourceVersion(head.body());
      this.client = new NettyWatchClient(t.certs(), 2);
      try {
        for (int w = 0; w < watchers; w++) {
          streams.add(
              client.open(t.base(), collection + "?watch=1&resourceVersion=" + rv, this::onLine));
        }
        for (NettyWatchClient.Stream s : streams) {
          int code = s.status().get(60, TimeUnit.SECONDS);
          if (code != 200) {
            throw new IOException(t.name() + " watch " + code);
          }
        }
      } catch (Exception e) {
        close();
        throw e;
      }
    }

    private void onLine(String line, long nanos) {
      Matcher m = SEQ.matcher(line);
      if (m.find()) {
        int k = Integer.parseInt(m.group(1));
        if (k >= 1 && k <= events) {
          received.incrementAndGet();
          // Arrival times only; latencies are computed once every ack is known (an event may
          // arrive before its PUT's response). Never block the event loop.
          int s = sampleCount.getAndIncrement();
          if (s < samples.length) {
            samples[s] = nanos;
            sampleSeq[s] = k;
          }
          arrived[k].countDown();
        }
      }
    }

    /** Update k, and wait until every watch has seen it. */
    void update(int k) throws Exception {
      long start = System.nanoTime();
      int i = ThreadLocalRandom.current().nextInt(objects);
      String path = objectPath(target, namespace, i);
      HttpResponse<String> got = send(target, "GET", path, null);
      JsonObject object = JsonParser.parseString(got.body()).getAsJsonObject();
      JsonObject meta = object.getAsJsonObject("metadata");
      JsonObject ann = meta.getAsJsonObject("annotations");
      if (ann == null) {
        ann = new JsonObject();
        meta.add("annotations", ann);
      }
      ann.addProperty("bench.kamaji.dev/seq", Integer.toString(k));
      sentAt[k] = System.nanoTime();
      HttpResponse<String> put = send(target, "PUT", path, object.toString());
      long ack = System.nanoTime();
      if (put.statusCode() != 200) {
        throw new IOException(target.name() + " put " + put.statusCode() + ": " + put.body());
      }
      ackAt[k] = ack;
      if (!arrived[k].await(30, TimeUnit.SECONDS)) {
        missed += arrived[k].getCount();
      }
      busyNanos += System.nanoTime() - start;
    }

    /** {p50, p99, nanos spent in updates, events received, events missed, p50 from the ack}. */
    long[] result() {
      int count = Math.min(sampleCount.get(), samples.length);
      long[] latencies = new long[count];
      long[] fromAck = new long[count];
      for (int s = 0; s < count; s++) {
        latencies[s] = samples[s] - sentAt[sampleSeq[s]];
        fromAck[s] = samples[s] - ackAt[sampleSeq[s]];
      }
      return new long[] {
        p(latencies, count, 50),
        p(latencies, count, 99),
        busyNanos,
        received.get(),
        missed,
        p(fromAck, count, 50)
      };
    }

    @Override
    public void close() {
      streams.forEach(NettyWatchClient.Stream::cancel);
      client.close();
    }
  }

  private interface Op {
    /** One request; returns -1 when there is nothing left to do. */
    int call() throws Exception;
  }

  private long[] parallel(int clients, Op op) throws Exception {
    long[][] perClient = new long[clients][];
    int[] counts = new int[clients];
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> daemon(r, "load"));
    List<Future<?>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int id = c;
      perClient[id] = new long[1024];
      futures.add(
          pool.submit(
              () -> {
                while (true) {
                  long t0 = System.nanoTime();
                  if (op.call() < 0) {
                    return null;
                  }
                  long d = System.nanoTime() - t0;
                  if (counts[id] == perClient[id].length) {
                    perClient[id] = Arrays.copyOf(perClient[id], counts[id] * 2);
                  }
                  perClient[id][counts[id]++] = d;
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long wall = System.nanoTime() - start;
    pool.shutdown();
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(perClient[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    return new long[] {p(all, total, 50), p(all, total, 99), wall, 0};
  }

  private static long p(long[] values, int n, double percentile) {
    if (n == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  private void put(String phase, Target t, long[] r, String extra) {
    log(
        String.format(
            Locale.ROOT,
            "%s %s: p50 %.2f ms p99 %.2f ms, %s",
            phase,
            t.name(),
            r[0] / 1e6,
            r[1] / 1e6,
            extra));
    phaseLog.add(
        phase.replaceAll(" .*", "")
            + "\t"
            + t.name()
            + "\t"
            + phaseStartMs
            + "\t"
            + System.currentTimeMillis());
    table
        .computeIfAbsent(phase, k -> new LinkedHashMap<>())
        .put(t.name(), new String[] {Long.toString(r[0]), Long.toString(r[1]), extra, lastCpu});
  }

  private String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| phase | path | p50 ms | p99 ms | rate / size | p50 ratio (path/crd) | p99 ratio (path/crd) | CPU s (%s) |\n"
            .formatted(String.join(" / ", pids.keySet())));
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, String[]>> e : table.entrySet()) {
      String[] crd = e.getValue().get("crd");
      for (Map.Entry<String, String[]> row : e.getValue().entrySet()) {
        String[] c = row.getValue();
        String r50 = "";
        String r99 = "";
        if (crd != null && !row.getKey().equals("crd")) {
          r50 = ratio(c[0], crd[0]);
          r99 = ratio(c[1], crd[1]);
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.2f | %.2f | %s | %s | %s | %s |\n",
                e.getKey(),
                row.getKey(),
                Long.parseLong(c[0]) / 1e6,
                Long.parseLong(c[1]) / 1e6,
                c[2],
                r50,
                r99,
                c[3]));
      }
    }
    Double a = headline.get("create-tput-agg");
    Double c = headline.get("create-tput-crd");
    if (a != null && c != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "\ncreate throughput: agg %.0f/s, crd %.0f/s, ratio agg/crd %.2f (higher is better)\n",
              a,
              c,
              a / c));
    }
    return sb.toString();
  }

  private double[] cpu() {
    double[] out = new double[pids.size()];
    int i = 0;
    for (long pid : pids.values()) {
      out[i++] = cpuSeconds(pid);
    }
    return out;
  }

  private String cpuSince(double[] before) {
    double[] now = cpu();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < now.length; i++) {
      parts.add(String.format(Locale.ROOT, "%.1f", now[i] - before[i]));
    }
    return String.join(" / ", parts);
  }

  /** utime + stime of a process from /proc/PID/stat, in seconds (USER_HZ = 100). */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String ratio(String a, String b) {
    double d = Double.parseDouble(b);
    return d == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", Double.parseDouble(a) / d);
  }

  private HttpResponse<String> send(Target t, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(t.base().resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return t.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void log(String s) {
    System.err.println("bench: " + s);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static SSLContext sslContext(Path certs) throws Exception {
    List<X509Certificate> chain = PemFiles.readCertificates(certs.resolve("admin.crt"));
    PrivateKey key = PemFiles.readPrivateKey(certs.resolve("admin.key"));
    char[] password = "bench".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("admin", key, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (X509Certificate ca : PemFiles.readCertificates(certs.resolve("serving-ca.crt"))) {
      trust.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
