package dev.controlplanes.kamaji.apiserver.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.controlplanes.kamaji.apiserver.tls.PemFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 * Load generator for a running kamaji apiserver: creates, gets, lists, updates TenantControlPlanes
 * and measures watch fan-out, then prints p50/p99 latency and throughput per phase. A {@code main}
 * started by {@code hack/bench/run.sh}, deliberately not a JUnit test: the test suite never runs
 * it, and nothing here asserts a time.
 *
 * <p>Clients are {@link java.net.http.HttpClient} over HTTP/1.1 with keep-alive and TLS, using the
 * admin client certificate. Each "client" of a phase is one thread doing blocking requests on a
 * shared HttpClient (which keeps one pooled connection per concurrent request). Watches use Netty
 * ({@link NettyWatchClient}) or, with {@code --watch-client jdk}, a second HttpClient with
 * asynchronous line subscribers; either way 1,000 streams need no thread each.
 *
 * <p>Flags (all {@code --name value}):
 *
 * <pre>
 *   --url https://127.0.0.1:PORT   the server
 *   --certs DIR                    output of BenchCerts (serving-ca.crt, admin.crt, admin.key)
 *   --sizes 1000,10000             object counts; objects are created cumulatively
 *   --server-pid PID               for heap (jcmd GC.run + GC.heap_info) and CPU figures
 *   --etcd-pid PID                 for CPU figures
 *   --watchers 1000 --watch-events 50 --watch-warmup-events 10
 *   --watch-client netty|jdk       Netty (default) or the JDK HttpClient for the watch streams
 *   --warmup-objects 1000           JVM warm-up before the first phase (0: none): creates these,
 *   --warmup-gets 5000              GETs them this many times (default 5 per object), lists,
 *   --warmup-rounds 1               updates and deletes them; that many rounds
 *   --create-clients 8 --get-requests 5000 --get-clients 4 --list-runs 10
 *   --update-requests 2000 --update-clients 4
 *   --phase-log FILE               phase name, start and end (epoch ms), for profile windows
 *   --results FILE                 the Markdown table, also printed to stdout; class histograms
 *                                  of the server heap go next to it
 * </pre>
 */
public final class ApiBenchmark {

  private static final String GROUP_PATH = "/apis/kamaji.clastix.io/v1alpha1";
  private static final int NAMESPACES = 10;
  private static final Pattern SEQ = Pattern.compile("\"bench\\.kamaji\\.dev/seq\":\"(\\d+)\"");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final HttpClient http;
  private final HttpClient watchHttp;
  private final NettyWatchClient nettyWatches;
  private final Map<String, String> flags;
  private final long serverPid;
  private final long etcdPid;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> phaseLog = new ArrayList<>();
  private int created;
  private boolean warming;
  private long errors;

  private ApiBenchmark(Map<String, String> flags, SSLContext tls) throws IOException {
    this.flags = flags;
    this.base = URI.create(flags.get("url"));
    this.http = client(tls, Executors.newCachedThreadPool(daemon("http")));
    this.watchHttp = client(tls, Executors.newFixedThreadPool(2, daemon("watch-http")));
    this.nettyWatches =
        flags.getOrDefault("watch-client", "netty").equals("netty")
            ? new NettyWatchClient(Path.of(flags.get("certs")), 2)
            : null;
    this.serverPid = Long.parseLong(flags.getOrDefault("server-pid", "0"));
    this.etcdPid = Long.parseLong(flags.getOrDefault("etcd-pid", "0"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = parseFlags(args);
    SSLContext tls = sslContext(Path.of(flags.get("certs")));
    ApiBenchmark bench = new ApiBenchmark(flags, tls);
    try {
      bench.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(3);
    }
    // Netty's event loop threads are not daemons: leave explicitly.
    System.exit(bench.errors == 0 ? 0 : 1);
  }

  private int flag(String name, int fallback) {
    return Integer.parseInt(flags.getOrDefault(name, Integer.toString(fallback)));
  }

  private void run() throws Exception {
    ensureDataStore();
    int warmupObjects = flag("warmup-objects", 1000);
    warmUpJvm(warmupObjects, flag("warmup-gets", 5 * warmupObjects), flag("warmup-rounds", 1));
    for (String size : flags.getOrDefault("sizes", "1000,10000").split(",")) {
      int n = Integer.parseInt(size.trim());
      String at = "N=" + n;
      createUpTo(n, at);
      heap(at, "idle after create");
      warmUp(n, at);
      gets(n, at);
      list(n, at, 0, flag("list-runs", 10));
      list(n, at, 500, flag("list-runs", 10));
      update(n, at, flag("update-requests", 2000));
      // Separates what the watch hub's history of recent changes holds from what watches hold.
      heap(at, "after the updates, no watches");
      watchFanOut(at);
    }
    String table = render();
    System.out.println();
    System.out.println(table);
    if (flags.containsKey("results")) {
      Files.writeString(Path.of(flags.get("results")), table);
    }
    if (flags.containsKey("phase-log")) {
      Files.write(Path.of(flags.get("phase-log")), phaseLog);
    }
  }

  // ------------------------------------------------------------------ phases

  private void ensureDataStore() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            GROUP_PATH + "/datastores",
            BenchObjects.dataStore("default"),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("cannot create DataStore default: " + r.body());
    }
    // The server may already hold objects from an earlier size.
    HttpResponse<String> list =
        send("GET", GROUP_PATH + "/tenantcontrolplanes?limit=1", null, ofString());
    JsonObject meta = JsonParser.parseString(list.body()).getAsJsonObject();
    JsonObject lm = meta.getAsJsonObject("metadata");
    long remaining = lm.has("remainingItemCount") ? lm.get("remainingItemCount").getAsLong() : 0;
    created = meta.getAsJsonArray("items").size() + (int) remaining;
  }

  /**
   * Untimed rounds of every operation, so that the server's JIT has compiled the paths measured
   * next (the first N creates warm the write path only).
   */
  private void warmUp(int n, String at) throws Exception {
    warming = true;
    try {
      list(n, at + " warm-up", 0, 2);
      list(n, at + " warm-up", 500, 2);
      update(n, at + " warm-up", 200);
      // Last, and the GET phases exactly as measured, which come next: after other operations,
      // this JVM's C2 recompiled HttpClient's request path during the first measured GETs (78
      // compilations, half a CPU second of its compiler thread; 7 in a second pass), which the
      // table then charged to the server's p99.
      gets(n, at + " warm-up");
    } finally {
      warming = false;
    }
  }

  /**
   * Before anything is measured: creates, reads, lists, updates and deletes {@code count} objects
   * in a namespace of their own, so that the first measured phase (the creates) does not pay for
   * the server's class loading and JIT compilation.
   */
  private void warmUpJvm(int count, int gets, int rounds) throws Exception {
    if (count <= 0) {
      return;
    }
    warming = true;
    try {
      for (int round = 1; round <= rounds; round++) {
        warmUpRound(count, gets, "warm" + round + "-");
      }
    } finally {
      warming = false;
    }
  }

  private void warmUpRound(int count, int gets, String prefix) throws Exception {
    String ns = "bench-warmup";
    String collection = GROUP_PATH + "/namespaces/" + ns + "/tenantcontrolplanes";
    AtomicInteger next = new AtomicInteger();
    phase(
        "warmup-create",
        "JVM warm-up",
        4,
        count,
        () ->
            send(
                        "POST",
                        collection,
                        BenchObjects.tenantControlPlane(prefix + next.getAndIncrement(), ns),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 201);
    phase(
        "warmup-get",
        "JVM warm-up",
        4,
        gets,
        () ->
            send(
                        "GET",
                        collection + "/" + prefix + ThreadLocalRandom.current().nextInt(count),
                        null,
                        // The measured GETs' body handler, so that this JVM's JIT warms that path.
                        HttpResponse.BodyHandlers.ofByteArray())
                    .statusCode()
                == 200);
    phase(
        "warmup-list",
        "JVM warm-up",
        1,
        20,
        () -> send("GET", collection, null, ofString()).statusCode() == 200);
    AtomicInteger updated = new AtomicInteger();
    phase(
        "warmup-update",
        "JVM warm-up",
        1,
        count,
        () -> {
          String path = collection + "/" + prefix + updated.getAndIncrement();
          JsonObject o =
              JsonParser.parseString(send("GET", path, null, ofString()).body()).getAsJsonObject();
          annotations(o).addProperty("bench.kamaji.dev/warm", "1");
          return send("PUT", path, o.toString(), HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200;
        });
    AtomicInteger deleted = new AtomicInteger();
    phase(
        "warmup-delete",
        "JVM warm-up",
        4,
        count,
        () -> {
          int code =
              send(
                      "DELETE",
                      collection + "/" + prefix + deleted.getAndIncrement(),
                      null,
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
          return code == 200 || code == 202;
        });
  }

  private void createUpTo(int n, String at) throws Exception {
    int from = created;
    if (from >= n) {
      return;
    }
    AtomicInteger next = new AtomicInteger(from);
    Result r =
        phase(
            "create",
            at,
            flag("create-clients", 8),
            n - from,
            () -> {
              int i = next.getAndIncrement();
              HttpResponse<Void> resp =
                  send(
                      "POST",
                      GROUP_PATH + "/namespaces/" + namespace(i) + "/tenantcontrolplanes",
                      BenchObjects.tenantControlPlane(name(i), namespace(i)),
                      HttpResponse.BodyHandlers.discarding());
              return resp.statusCode() == 201;
            });
    created = n;
    addRow(row("create", at, r, "" + (n - from) + " objects (" + from + "→" + n + ")"));
  }

  /** GETs of random objects, by one client, then by several at once. */
  private void gets(int n, String at) throws Exception {
    get(n, at, 1, flag("get-requests", 5000) / 2);
    get(n, at, flag("get-clients", 4), flag("get-requests", 5000));
  }

  private void get(int n, String at, int clients, int requests) throws Exception {
    Result r =
        phase(
            "get-c" + clients,
            at,
            clients,
            requests,
            () -> {
              int i = ThreadLocalRandom.current().nextInt(n);
              HttpResponse<byte[]> resp =
                  send("GET", objectPath(i), null, HttpResponse.BodyHandlers.ofByteArray());
              return resp.statusCode() == 200;
            });
    addRow(row("get (" + clients + " client" + (clients > 1 ? "s" : "") + ")", at, r, ""));
  }

  private void list(int n, String at, int limit, int runs) throws Exception {
    String path = GROUP_PATH + "/tenantcontrolplanes" + (limit > 0 ? "?limit=" + limit : "");
    Samples pages = new Samples(runs * Math.max(1, n / Math.max(1, limit) + 1));
    Result r =
        phase(
            limit == 0 ? "list" : "list-paged",
            at,
            1,
            runs,
            () -> {
              if (limit == 0) {
                // Read and drop: holding 30 MiB strings made this JVM pause for GC (once 294 ms,
                // in the middle of a list), which the table then charged to the server.
                return send("GET", path, null, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 200;
              }
              String c = null;
              do {
                String p = c == null ? path : path + "&continue=" + URLEncoder.encode(c, UTF8);
                long t0 = System.nanoTime();
                HttpResponse<String> resp = send("GET", p, null, ofString());
                pages.add(System.nanoTime() - t0);
                if (resp.statusCode() != 200) {
                  return false;
                }
                c = continueToken(resp.body());
              } while (c != null);
              return true;
            });
    // Check once that the list is complete; the timed runs do not parse. After them: parsing a
    // whole list leaves this JVM with hundreds of MiB to collect, which paused the runs.
    int seen = 0;
    long bytes = 0;
    String cont = null;
    do {
      String p = cont == null ? path : path + "&continue=" + URLEncoder.encode(cont, UTF8);
      HttpResponse<String> resp = send("GET", p, null, ofString());
      if (resp.statusCode() != 200) {
        String body = resp.body();
        throw new IllegalStateException(
            "GET "
                + p
                + " -> HTTP "
                + resp.statusCode()
                + ": "
                + body.substring(0, Math.min(500, body.length())));
      }
      bytes += resp.body().length();
      JsonObject list = JsonParser.parseString(resp.body()).getAsJsonObject();
      JsonArray items = list.getAsJsonArray("items");
      seen += items.size();
      JsonObject meta = list.getAsJsonObject("metadata");
      cont = meta.has("continue") ? meta.get("continue").getAsString() : null;
      if (cont != null && cont.isEmpty()) {
        cont = null;
      }
    } while (cont != null);
    if (seen != n) {
      errors++;
      notes.add("list at " + at + " returned " + seen + " items, expected " + n);
    }
    if (limit == 0) {
      addRow(
          row(
              "list all",
              at,
              r,
              String.format(Locale.ROOT, "%d items, %.1f MiB per list", n, bytes / 1048576.0)));
    } else {
      addRow(row("list all, limit=" + limit + " (whole walk)", at, r, ""));
      addRow(
          new Row(
              "  one page of " + limit,
              at,
              pages.count(),
              pages.p(50),
              pages.p(99),
              pages.max(),
              Double.NaN,
              ""));
    }
  }

  private static String continueToken(String body) {
    // {"kind":"...","metadata":{"continue":"..."...}: cheap extraction, no full parse
    int i = body.indexOf("\"continue\":\"");
    if (i < 0) {
      return null;
    }
    int start = i + "\"continue\":\"".length();
    int end = body.indexOf('"', start);
    String token = body.substring(start, end);
    return token.isEmpty() ? null : token;
  }

  private void update(int n, String at, int requests) throws Exception {
    int clients = flag("update-clients", 4);
    Samples puts = new Samples(requests);
    AtomicLong counter = new AtomicLong();
    ThreadLocal<Integer> worker = new ThreadLocal<>();
    AtomicInteger workers = new AtomicInteger();
    Result r =
        phase(
            "update",
            at,
            clients,
            requests,
            () -> {
              Integer w = worker.get();
              if (w == null) {
                w = workers.getAndIncrement();
                worker.set(w);
              }
              // Each client owns the objects i with i % clients == w: no 409s between clients.
              int slots = (n + clients - 1 - w) / clients;
              int i = w + clients * ThreadLocalRandom.current().nextInt(slots);
              HttpResponse<String> got = send("GET", objectPath(i), null, ofString());
              if (got.statusCode() != 200) {
                return false;
              }
              JsonObject object = JsonParser.parseString(got.body()).getAsJsonObject();
              annotations(object)
                  .addProperty("bench.kamaji.dev/update", Long.toString(counter.incrementAndGet()));
              long t0 = System.nanoTime();
              HttpResponse<Void> put =
                  send(
                      "PUT",
                      objectPath(i),
                      object.toString(),
                      HttpResponse.BodyHandlers.discarding());
              puts.add(System.nanoTime() - t0);
              return put.statusCode() == 200;
            });
    addRow(row("update (GET+PUT)", at, r, clients + " clients"));
    addRow(
        new Row(
            "  the PUT alone",
            at,
            puts.count(),
            puts.p(50),
            puts.p(99),
            puts.max(),
            puts.count() / (r.wallNanos / 1e9),
            ""));
  }

  /**
   * Opens W watches from the current list revision, then makes K updates one at a time; each update
   * carries a sequence number in an annotation, and every watcher records when it sees the MODIFIED
   * event with that number. The next update starts once every watcher has it (or after 10 s), so
   * events do not queue behind each other. The first {@code --watch-warmup-events} (10) updates are
   * not counted: they are the first time the server encodes and encrypts for this many streams.
   */
  private void watchFanOut(String at) throws Exception {
    int w = flag("watchers", 1000);
    int warm = flag("watch-warmup-events", 10);
    int k = warm + flag("watch-events", 50);
    HttpResponse<String> head =
        send("GET", GROUP_PATH + "/tenantcontrolplanes?limit=1", null, ofString());
    String rv = BenchObjects.resourceVersion(head.body());
    long[][] received = new long[k][w];
    CountDownLatch[] all = new CountDownLatch[k];
    for (int e = 0; e < k; e++) {
      all[e] = new CountDownLatch(w);
    }
    List<Watcher> watchers = new ArrayList<>();
    Semaphore opening = new Semaphore(32);
    long openStart = System.nanoTime();
    long openStartMs = System.currentTimeMillis();
    String watchPath =
        GROUP_PATH + "/tenantcontrolplanes?watch=true&timeoutSeconds=3600&resourceVersion=" + rv;
    for (int i = 0; i < w; i++) {
      Watcher watcher = new Watcher(i, received, all);
      watchers.add(watcher);
      opening.acquire();
      if (nettyWatches != null) {
        NettyWatchClient.Stream stream = nettyWatches.open(base, watchPath, watcher::onLine);
        stream.status().whenComplete((code, err) -> watcher.opened(code, err));
        watcher.cancel = stream::cancel;
      } else {
        HttpRequest request =
            HttpRequest.newBuilder(base.resolve(watchPath))
                .header("Accept", "application/json")
                .GET()
                .build();
        // The response future of a streaming body completes only when the stream ends; the
        // status is taken when the headers arrive instead.
        watchHttp
            .sendAsync(
                request,
                info -> {
                  watcher.opened(info.statusCode(), null);
                  return HttpResponse.BodySubscribers.fromLineSubscriber(
                      watcher, s -> null, StandardCharsets.UTF_8, "\n");
                })
            .whenComplete((resp, err) -> watcher.opened(0, err));
      }
      watcher.status.whenComplete((status, err) -> opening.release());
    }
    int open = 0;
    for (Watcher watcher : watchers) {
      if (watcher.status.get(120, TimeUnit.SECONDS) == 200) {
        open++;
      }
    }
    long openNanos = System.nanoTime() - openStart;
    phaseLog.add("watch-open\t" + at + "\t" + openStartMs + "\t" + System.currentTimeMillis());
    if (open != w) {
      errors++;
      notes.add("watch at " + at + ": only " + open + " of " + w + " watches opened");
    }
    notes.add(
        String.format(
            Locale.ROOT,
            "%s: opened %d watches (TLS handshake + watch each, 32 at a time) in %.1f s",
            at,
            open,
            openNanos / 1e9));

    String target = objectPath(0);
    long[] sent = new long[k];
    long[] acked = new long[k];
    int missing = 0;
    Cpu cpu = cpu();
    long startMs = System.currentTimeMillis();
    for (int e = 0; e < k; e++) {
      HttpResponse<String> got = send("GET", target, null, ofString());
      JsonObject object = JsonParser.parseString(got.body()).getAsJsonObject();
      annotations(object).addProperty("bench.kamaji.dev/seq", Integer.toString(e));
      String body = object.toString();
      sent[e] = System.nanoTime();
      HttpResponse<Void> put = send("PUT", target, body, HttpResponse.BodyHandlers.discarding());
      acked[e] = System.nanoTime();
      if (put.statusCode() != 200) {
        errors++;
        notes.add("watch update " + e + " failed: HTTP " + put.statusCode());
      }
      if (!all[e].await(10, TimeUnit.SECONDS)) {
        missing += (int) all[e].getCount();
      }
      long[] times = received[e].clone();
      Arrays.sort(times);
      System.err.printf(
          Locale.ROOT,
          "watch %-8s event %2d%s: write %6.1f ms, ack→event p50 %6.1f ms, last %6.1f ms%n",
          at,
          e,
          e < warm ? " (warm-up)" : "",
          (acked[e] - sent[e]) / 1e6,
          (times[w / 2] - acked[e]) / 1e6,
          (times[w - 1] - acked[e]) / 1e6);
      Thread.sleep(50);
      if (e == warm - 1) {
        cpu = cpu();
        startMs = System.currentTimeMillis();
      }
    }
    long endMs = System.currentTimeMillis();
    phaseLog.add("watch-fanout\t" + at + "\t" + startMs + "\t" + endMs);
    Cpu used = cpu().minus(cpu);
    heap(at, "with " + open + " watches open");
    for (Watcher watcher : watchers) {
      watcher.cancel();
    }
    Samples fromSend = new Samples(k * w);
    Samples fromAck = new Samples(k * w);
    Samples lastPerEvent = new Samples(k);
    int beforeAck = 0;
    for (int e = warm; e < k; e++) {
      long last = 0;
      for (int i = 0; i < w; i++) {
        long t = received[e][i];
        if (t == 0) {
          continue;
        }
        fromSend.add(t - sent[e]);
        fromAck.add(Math.max(0, t - acked[e]));
        if (t < acked[e]) {
          beforeAck++;
        }
        last = Math.max(last, t - acked[e]);
      }
      lastPerEvent.add(Math.max(0, last));
    }
    if (missing > 0) {
      errors++;
      notes.add(at + ": " + missing + " watcher-events never arrived (10 s timeout per event)");
    }
    String detail =
        w
            + " watchers × "
            + (k - warm)
            + " events (after "
            + warm
            + " uncounted), "
            + (nettyWatches != null ? "Netty" : "JDK HttpClient")
            + " watch client"
            + used.describe();
    addRow(
        new Row(
            "watch fan-out, write ack → event",
            at,
            fromAck.count(),
            fromAck.p(50),
            fromAck.p(99),
            fromAck.max(),
            Double.NaN,
            detail));
    addRow(
        new Row(
            "  write sent → event",
            at,
            fromSend.count(),
            fromSend.p(50),
            fromSend.p(99),
            fromSend.max(),
            Double.NaN,
            beforeAck + " events arrived before the PUT response"));
    addRow(
        new Row(
            "  write ack → last watcher of an event",
            at,
            lastPerEvent.count(),
            lastPerEvent.p(50),
            lastPerEvent.p(99),
            lastPerEvent.max(),
            Double.NaN,
            ""));
  }

  /** One watch stream: records when each sequence number arrives. */
  private static final class Watcher implements Flow.Subscriber<String> {
    private final int index;
    private final long[][] received;
    private final CountDownLatch[] all;
    final CompletableFuture<Integer> status = new CompletableFuture<>();
    volatile Runnable cancel = () -> {};

    Watcher(int index, long[][] received, CountDownLatch[] all) {
      this.index = index;
      this.received = received;
      this.all = all;
    }

    void opened(Integer code, Throwable err) {
      if (err != null) {
        status.completeExceptionally(err);
      } else {
        status.complete(code);
      }
    }

    /** A line of the stream, {@code nanos} being when it arrived. */
    void onLine(String line, long nanos) {
      if (!line.contains("\"MODIFIED\"")) {
        return;
      }
      Matcher m = SEQ.matcher(line);
      if (m.find()) {
        int seq = Integer.parseInt(m.group(1));
        if (seq < received.length && received[seq][index] == 0) {
          received[seq][index] = nanos;
          all[seq].countDown();
        }
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      cancel = s::cancel;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      onLine(line, System.nanoTime());
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}

    void cancel() {
      cancel.run();
    }
  }

  // ------------------------------------------------------------------ measurement

  /** A request that returns true on success. */
  private interface Op {
    boolean run() throws Exception;
  }

  private record Result(Samples latency, long wallNanos, long failures, Cpu cpu) {}

  /** Runs {@code total} ops on {@code clients} threads, timing each op. */
  private Result phase(String name, String at, int clients, int total, Op op) throws Exception {
    Samples samples = new Samples(total);
    AtomicInteger remaining = new AtomicInteger(total);
    AtomicLong failures = new AtomicLong();
    List<String> firstFailure = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients, daemon(name));
    // This JVM's own garbage (parsed lists of the phase before) is collected before the clock
    // starts: its GC pauses, tens of milliseconds, otherwise landed in the next phase's p99.
    System.gc();
    Cpu before = cpu();
    long startMs = System.currentTimeMillis();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                while (remaining.getAndDecrement() > 0) {
                  long t0 = System.nanoTime();
                  boolean ok;
                  try {
                    ok = op.run();
                  } catch (Exception e) {
                    synchronized (firstFailure) {
                      if (firstFailure.isEmpty()) {
                        firstFailure.add(e.toString());
                      }
                    }
                    ok = false;
                  }
                  samples.add(System.nanoTime() - t0);
                  if (!ok) {
                    failures.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long wall = System.nanoTime() - start;
    pool.shutdown();
    Cpu used = cpu().minus(before);
    phaseLog.add(name + "\t" + at + "\t" + startMs + "\t" + System.currentTimeMillis());
    System.err.printf(
        Locale.ROOT,
        "%-12s %-8s n=%-6d p50=%8.2f ms p99=%8.2f ms  %8.1f/s  failures=%d%s%n",
        name,
        at,
        samples.count(),
        samples.p(50) / 1e6,
        samples.p(99) / 1e6,
        samples.count() / (wall / 1e9),
        failures.get(),
        firstFailure.isEmpty() ? "" : " first: " + firstFailure.get(0));
    if (samples.count() <= 50) {
      // Few, slow samples (lists): each one in the order taken, so an outlier can be placed.
      System.err.println("             samples in order, ms: " + samples.inOrder());
    }
    if (failures.get() > 0) {
      errors += failures.get();
      notes.add(name + " at " + at + ": " + failures.get() + " failed requests");
    }
    return new Result(samples, wall, failures.get(), used);
  }

  private void addRow(Row row) {
    if (!warming) {
      rows.add(row);
    }
  }

  private Row row(String name, String at, Result r, String detail) {
    return new Row(
        name,
        at,
        r.latency.count(),
        r.latency.p(50),
        r.latency.p(99),
        r.latency.max(),
        r.latency.count() / (r.wallNanos / 1e9),
        (detail.isEmpty() ? "" : detail + "; ") + r.cpu.describe().replaceFirst("^; ", ""));
  }

  /** Latencies in nanoseconds, thread-safe. */
  private static final class Samples {
    private long[] values;
    private int n;

    Samples(int capacity) {
      values = new long[Math.max(16, capacity)];
    }

    synchronized void add(long nanos) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = nanos;
    }

    synchronized int count() {
      return n;
    }

    synchronized String inOrder() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", values[i] / 1e6));
      }
      return sb.toString();
    }

    /** Nearest-rank percentile, in nanoseconds. */
    synchronized long p(double percentile) {
      if (n == 0) {
        return 0;
      }
      long[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100.0 * n);
      return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    synchronized long max() {
      return p(100);
    }
  }

  /**
   * CPU seconds used by the server, etcd and this process, and the GC time of the server and of
   * this load generator (elapsed time in collections as each JVM counts it, not CPU; it can exceed
   * the CPU seconds). A pause of the load generator delays the requests it is timing, so a phase
   * with client GC time measures the client too.
   */
  private record Cpu(double server, double etcd, double self, double serverGc, double clientGc) {
    Cpu minus(Cpu o) {
      return new Cpu(
          server - o.server,
          etcd - o.etcd,
          self - o.self,
          serverGc - o.serverGc,
          clientGc - o.clientGc);
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "; CPU s: server %.1f, etcd %.1f, client %.1f; server GC time %.1f s, client GC time %.2f"
              + " s",
          server,
          etcd,
          self,
          serverGc,
          clientGc);
    }
  }

  private Cpu cpu() {
    return new Cpu(
        cpuSeconds(serverPid),
        cpuSeconds(etcdPid),
        cpuSeconds(ProcessHandle.current().pid()),
        gcSeconds(),
        clientGcSeconds());
  }

  /** This JVM's time in collections, over all collectors. */
  private static double clientGcSeconds() {
    long millis = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis / 1000.0;
  }

  /** The server's jvm_gc_collection_seconds_sum over all collectors, from /metrics. */
  private double gcSeconds() {
    try {
      HttpResponse<String> r = send("GET", "/metrics", null, ofString());
      double sum = 0;
      for (String line : r.body().split("\n")) {
        if (line.startsWith("jvm_gc_collection_seconds_sum{")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** utime + stime from /proc/PID/stat, assuming the usual 100 ticks per second. */
  private static double cpuSeconds(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after "(comm)": state is index 0, utime is field 14 overall -> index 11
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Live heap of the server: a full GC, then the used figure of GC.heap_info. */
  private void heap(String at, String when) throws Exception {
    if (serverPid <= 0) {
      return;
    }
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    if (flags.containsKey("results")) {
      String histogram = jcmd("GC.class_histogram");
      String file =
          ("heap-histogram " + at + " " + when).replaceAll("[^A-Za-z0-9=]+", "-") + ".txt";
      List<String> lines = histogram.lines().limit(40).toList();
      Files.write(Path.of(flags.get("results")).resolveSibling(file), lines);
    }
    Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
    String rss = "";
    for (String line : Files.readAllLines(Path.of("/proc/" + serverPid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = line.substring(6).trim();
      }
    }
    if (m.find()) {
      double used = Long.parseLong(m.group(2)) / 1024.0;
      double committed = Long.parseLong(m.group(1)) / 1024.0;
      addRow(
          new Row(
              "server heap after full GC (" + when + ")",
              at,
              0,
              0,
              0,
              0,
              Double.NaN,
              String.format(
                  Locale.ROOT,
                  "**%.1f MiB used**, %.0f MiB committed, process RSS %s",
                  used,
                  committed,
                  rss)));
      System.err.printf(Locale.ROOT, "heap %-8s %s: %.1f MiB used%n", at, when, used);
    } else {
      notes.add("could not read GC.heap_info: " + info);
    }
  }

  private String jcmd(String command) throws Exception {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(serverPid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  // ------------------------------------------------------------------ output

  private record Row(
      String what,
      String at,
      int n,
      long p50,
      long p99,
      long max,
      double perSecond,
      String detail) {}

  private String render() {
    StringBuilder b = new StringBuilder();
    b.append("| objects | operation | n | p50 ms | p99 ms | max ms | ops/s | notes |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      if (r.n == 0) {
        b.append(
            String.format(Locale.ROOT, "| %s | %s | | | | | | %s |%n", r.at, r.what, r.detail));
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.2f | %.2f | %.2f | %s | %s |%n",
              r.at,
              r.what,
              r.n,
              r.p50 / 1e6,
              r.p99 / 1e6,
              r.max / 1e6,
              Double.isNaN(r.perSecond) ? "" : String.format(Locale.ROOT, "%.0f", r.perSecond),
              r.detail));
    }
    if (!notes.isEmpty()) {
      b.append('\n');
      for (String note : notes) {
        b.append("- ").append(note).append('\n');
      }
    }
    b.append('\n')
        .append("- finished ")
        .append(Instant.now())
        .append(errors == 0 ? ", no failed requests" : ", " + errors + " ERRORS")
        .append('\n');
    return b.toString();
  }

  // ------------------------------------------------------------------ plumbing

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "tcp-%05d", i);
  }

  private static String namespace(int i) {
    return "bench-" + (i % NAMESPACES);
  }

  private static String objectPath(int i) {
    return GROUP_PATH + "/namespaces/" + namespace(i) + "/tenantcontrolplanes/" + name(i);
  }

  private static JsonObject annotations(JsonObject object) {
    JsonObject meta = object.getAsJsonObject("metadata");
    if (!meta.has("annotations")) {
      meta.add("annotations", new JsonObject());
    }
    return meta.getAsJsonObject("annotations");
  }

  private <T> HttpResponse<T> send(
      String method, String path, String body, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(b.build(), handler);
  }

  private static HttpClient client(SSLContext tls, ExecutorService executor) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(tls)
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(executor)
        .build();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
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

  private static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --flag value, got " + args[i]);
      }
      flags.put(args[i].substring(2), args[i + 1]);
    }
    if (!flags.containsKey("url") || !flags.containsKey("certs")) {
      throw new IllegalArgumentException("--url and --certs are required");
    }
    return flags;
  }
}
