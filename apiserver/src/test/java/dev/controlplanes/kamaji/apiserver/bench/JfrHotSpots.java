package dev.controlplanes.kamaji.apiserver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the server per benchmark phase: CPU samples by thread group, the
 * hottest methods by self and by inclusive samples (kamaji, Gson, Netty, JDK frames alike), the
 * biggest allocation sites and the GC pause total. Used by {@code hack/bench/run.sh} with
 * BENCH_JFR=1; a {@code main}, not a test.
 *
 * <pre>
 *   JfrHotSpots server.jfr [phases.tsv] [top]
 * </pre>
 *
 * phases.tsv holds {@code name<TAB>label<TAB>startEpochMs<TAB>endEpochMs} lines, as written by
 * {@link ApiBenchmark}'s {@code --phase-log}; without it the whole recording is one window.
 */
public final class JfrHotSpots {

  private JfrHotSpots() {}

  private record Window(String name, Instant start, Instant end) {}

  private static final class Tally {
    long samples;
    final Map<String, Long> threads = new HashMap<>();
    final Map<String, Long> self = new HashMap<>();
    final Map<String, Long> inclusive = new HashMap<>();
    final Map<String, Long> kamajiInclusive = new HashMap<>();
    final Map<String, Long> allocation = new HashMap<>();
    long allocationBytes;
    Duration gcPause = Duration.ZERO;
    long gcs;
    Duration compiling = Duration.ZERO;
    long compilations;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: JfrHotSpots <recording.jfr> [phases.tsv] [top]");
      System.exit(2);
    }
    List<Window> windows = new ArrayList<>();
    if (args.length > 1 && !args[1].isEmpty()) {
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        String[] f = line.split("\t");
        if (f.length == 4) {
          windows.add(
              new Window(
                  f[0] + " @ " + f[1],
                  Instant.ofEpochMilli(Long.parseLong(f[2])),
                  Instant.ofEpochMilli(Long.parseLong(f[3]))));
        }
      }
    }
    if (windows.isEmpty()) {
      windows.add(new Window("whole recording", Instant.MIN, Instant.MAX));
    }
    int top = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    Map<Window, Tally> tallies = new HashMap<>();
    windows.forEach(w -> tallies.put(w, new Tally()));
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String type = event.getEventType().getName();
      for (Window w : windows) {
        if (event.getStartTime().isBefore(w.start) || event.getStartTime().isAfter(w.end)) {
          continue;
        }
        Tally t = tallies.get(w);
        switch (type) {
          case "jdk.ExecutionSample" -> sample(t, event);
          case "jdk.ObjectAllocationSample" -> allocation(t, event);
          case "jdk.Compilation" -> {
            t.compilations++;
            t.compiling = t.compiling.plus(event.getDuration());
          }
          case "jdk.GarbageCollection" -> {
            t.gcs++;
            t.gcPause = t.gcPause.plus(event.getDuration("sumOfPauses"));
          }
          default -> {}
        }
      }
    }
    for (Window w : windows) {
      Tally t = tallies.get(w);
      System.out.printf(
          Locale.ROOT,
          "%n=== %s: %d CPU samples, %d GCs with %d ms of pauses, %d JIT compilations"
              + " taking %d ms, ~%.0f MiB allocated%n",
          w.name,
          t.samples,
          t.gcs,
          t.gcPause.toMillis(),
          t.compilations,
          t.compiling.toMillis(),
          t.allocationBytes / 1048576.0);
      if (t.samples == 0) {
        continue;
      }
      print("threads (share of samples)", t.threads, t.samples, top);
      print("hottest methods, self", t.self, t.samples, top);
      print("hottest kamaji methods, inclusive", t.kamajiInclusive, t.samples, top);
      print("hottest methods, inclusive", t.inclusive, t.samples, top);
      print("allocation (sampled weight)", t.allocation, t.allocationBytes, top);
    }
  }

  private static void sample(Tally t, RecordedEvent event) {
    RecordedStackTrace stack = event.getStackTrace();
    if (stack == null || stack.getFrames().isEmpty()) {
      return;
    }
    t.samples++;
    RecordedThread thread = event.getThread("sampledThread");
    t.threads.merge(threadGroup(thread == null ? "?" : thread.getJavaName()), 1L, Long::sum);
    List<RecordedFrame> frames = stack.getFrames();
    t.self.merge(method(frames.get(0)), 1L, Long::sum);
    Set<String> seen = new HashSet<>();
    for (RecordedFrame f : frames) {
      String m = method(f);
      if (seen.add(m)) {
        t.inclusive.merge(m, 1L, Long::sum);
        if (m.startsWith("dev.controlplanes.kamaji.")) {
          t.kamajiInclusive.merge(m, 1L, Long::sum);
        }
      }
    }
  }

  private static void allocation(Tally t, RecordedEvent event) {
    long weight = event.getLong("weight");
    t.allocationBytes += weight;
    RecordedStackTrace stack = event.getStackTrace();
    String site = "?";
    if (stack != null) {
      // The first kamaji frame says who asked for the memory; fall back to the top frame.
      for (RecordedFrame f : stack.getFrames()) {
        if (method(f).startsWith("dev.controlplanes.kamaji.")) {
          site = method(f);
          break;
        }
      }
      if (site.equals("?") && !stack.getFrames().isEmpty()) {
        site = method(stack.getFrames().get(0));
      }
    }
    t.allocation.merge(site, weight, Long::sum);
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** Thread names without their numbers: api-handler-12 -> api-handler. */
  private static String threadGroup(String name) {
    return name.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
  }

  private static void print(String title, Map<String, Long> counts, long total, int top) {
    System.out.println("  " + title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }
}
