#!/usr/bin/env bash
# Benchmarks the apiserver end to end on loopback: a fresh etcd, the server as its own JVM, and the
# Java load generator (apiserver/src/test/java/.../bench/ApiBenchmark.java). Prints a Markdown table
# of p50/p99 latency and throughput per operation, and the server's live heap.
#
#   hack/bench/run.sh                      # 1,000 then 10,000 objects, 1,000 watchers
#   BENCH_SIZES=1000 BENCH_WATCHERS=100 hack/bench/run.sh     # a quick look
#   BENCH_JFR=1 hack/bench/run.sh          # also profile the server with JFR, summarised per phase
#
# Environment (defaults in brackets):
#   BENCH_SIZES [1000,10000]  BENCH_WATCHERS [1000]  BENCH_WATCH_EVENTS [50]
#   BENCH_WARMUP_ROUNDS [3] x (1,000 creates, BENCH_WARMUP_GETS [20000] GETs, lists, updates and
#             deletes) before the first phase. The C2 thresholds of jvm.options are ten times
#             HotSpot's, so the server keeps compiling through its first ~100,000 requests; with
#             BENCH_WARMUP_ROUNDS=1 BENCH_WARMUP_GETS=5000 the phases measure a server that is still
#             compiling (see docs/benchmarks.md).
#   BENCH_SERVER_HEAP [1g]    BENCH_JFR [0]          BENCH_ETCD_FSYNC [1] (0: --unsafe-no-fsync)
#   BENCH_OUT [a new /tmp/kamaji-bench.XXXXXX]: results.md, phases.tsv, server.log, etcd.log,
#             server-metrics.txt (the server's /metrics at the end),
#             server.jfr and hotspots.txt (with BENCH_JFR=1) stay there after the run.
#   BENCH_SKIP_BUILD [0]      BENCH_ARGS: extra ApiBenchmark flags, e.g. "--get-requests 10000"
#   BENCH_SERVER_JAVA_OPTS: JVM flags of the server besides apiserver/jvm.options (later flags win)
#   BENCH_CLIENT_JAVA_OPTS: JVM flags of the load generator (e.g. -XX:+PrintCompilation)
#
# Every process started here is stopped on exit, and the etcd data directory is deleted.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

sizes=${BENCH_SIZES:-1000,10000}
watchers=${BENCH_WATCHERS:-1000}
watch_events=${BENCH_WATCH_EVENTS:-50}
warmup_gets=${BENCH_WARMUP_GETS:-20000}
warmup_rounds=${BENCH_WARMUP_ROUNDS:-3}
server_heap=${BENCH_SERVER_HEAP:-1g}
out=${BENCH_OUT:-$(mktemp -d /tmp/kamaji-bench.XXXXXX)}
mkdir -p "$out"

etcd_pid=
server_pid=
etcd_data=
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$etcd_pid" ] && kill -0 "$etcd_pid" 2>/dev/null; then
    kill "$etcd_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$etcd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$etcd_pid" 2>/dev/null || true
  fi
  [ -n "$etcd_data" ] && rm -rf "$etcd_data"
  echo "bench: output kept in $out" >&2
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ---------------------------------------------------------------- build
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building apiserver (tests skipped, formatting untouched)" >&2
  mvn -q -B -ntp -DskipTests -Dspotless.skip=true -pl apiserver -am package \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
fi
cp="$root/apiserver/target/classes:$root/apiserver/target/test-classes:$(cat "$root/apiserver/target/bench.classpath")"

# ---------------------------------------------------------------- machine facts
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- apiserver api storage || echo ' (dirty)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  free -h | sed 's/^/free: /'
  java -version 2>&1 | sed 's/^/java: /'
  echo "load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: sizes=$sizes watchers=$watchers watch_events=$watch_events warmup=${warmup_rounds}x${warmup_gets}" \
    "server_heap=$server_heap etcd_fsync=${BENCH_ETCD_FSYNC:-1} jfr=${BENCH_JFR:-0} args=${BENCH_ARGS:-}"
} | tee "$out/machine.txt" >&2

# ---------------------------------------------------------------- certificates
java -cp "$cp" dev.controlplanes.kamaji.apiserver.bench.BenchCerts "$out/certs"

# ---------------------------------------------------------------- etcd
etcd_dir=$(hack/build-upstream.sh etcd)
etcd_data=$(mktemp -d /tmp/kamaji-bench-etcd.XXXXXX)
client_port=$(free_port)
peer_port=$(free_port)
fsync_flag=()
[ "${BENCH_ETCD_FSYNC:-1}" = 0 ] && fsync_flag=(--unsafe-no-fsync=true)
"$etcd_dir/etcd" --name=bench --data-dir="$etcd_data/data" \
  --listen-client-urls="http://127.0.0.1:$client_port" \
  --advertise-client-urls="http://127.0.0.1:$client_port" \
  --listen-peer-urls="http://127.0.0.1:$peer_port" \
  --initial-advertise-peer-urls="http://127.0.0.1:$peer_port" \
  --initial-cluster="bench=http://127.0.0.1:$peer_port" \
  --quota-backend-bytes=$((8 * 1024 * 1024 * 1024)) \
  --log-level=warn "${fsync_flag[@]}" >"$out/etcd.log" 2>&1 &
etcd_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$client_port/health" >/dev/null 2>&1 && break
  kill -0 "$etcd_pid" 2>/dev/null || { cat "$out/etcd.log" >&2; exit 1; }
  sleep 0.1
done

# ---------------------------------------------------------------- server
server_port=$(free_port)
jfr_flags=()
if [ "${BENCH_JFR:-0}" = 1 ]; then
  # The "profile" settings, with CPU samples every 2 ms instead of 10 (the phases are short) and
  # every JIT compilation recorded (to tell warm-up from steady state).
  jfr configure --input profile 'jdk.ExecutionSample#period=2ms' 'jdk.Compilation#threshold=0ms' \
    --output "$out/bench.jfc" >/dev/null
  # No filename: the recording is dumped once, below, while the server still runs (with a filename
  # the JVM writes it again at exit, and the file then holds every event twice).
  jfr_flags=("-XX:StartFlightRecording=name=bench,settings=$out/bench.jfc")
fi
# shellcheck disable=SC2086 # BENCH_SERVER_JAVA_OPTS is a list of flags
java @"$root/apiserver/jvm.options" -Xmx"$server_heap" ${BENCH_SERVER_JAVA_OPTS:-} "${jfr_flags[@]}" -cp "$cp" dev.controlplanes.kamaji.apiserver.Main \
  --bind-address 127.0.0.1 --secure-port "$server_port" \
  --etcd-servers "http://127.0.0.1:$client_port" \
  --tls-cert-file "$out/certs/serving.crt" --tls-private-key-file "$out/certs/serving.key" \
  --client-ca-file "$out/certs/client-ca.crt" --cert-dir "$out/cert-dir" \
  >"$out/server.log" 2>&1 &
server_pid=$!
curl_tls=(--cacert "$out/certs/serving-ca.crt" --cert "$out/certs/admin.crt" --key "$out/certs/admin.key")
ready=
for _ in $(seq 300); do
  if curl -sf "${curl_tls[@]}" "https://127.0.0.1:$server_port/readyz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
[ -n "$ready" ] || { echo "bench: server did not become ready" >&2; tail -50 "$out/server.log" >&2; exit 1; }
echo "bench: etcd pid $etcd_pid on :$client_port, server pid $server_pid on :$server_port" >&2

# ---------------------------------------------------------------- load
bench_status=0
# shellcheck disable=SC2086 # BENCH_ARGS is a list of flags
java -Xmx2g ${BENCH_CLIENT_JAVA_OPTS:-} -cp "$cp" dev.controlplanes.kamaji.apiserver.bench.ApiBenchmark \
  --url "https://127.0.0.1:$server_port" --certs "$out/certs" \
  --sizes "$sizes" --watchers "$watchers" --watch-events "$watch_events" \
  --warmup-gets "$warmup_gets" --warmup-rounds "$warmup_rounds" --server-pid "$server_pid" --etcd-pid "$etcd_pid" \
  --phase-log "$out/phases.tsv" --results "$out/results.md" ${BENCH_ARGS:-} || bench_status=$?

# The server's own view (request durations by verb, without the load generator's side).
curl -sS --cacert "$out/certs/serving-ca.crt" --cert "$out/certs/admin.crt" --key "$out/certs/admin.key" \
  "https://127.0.0.1:$server_port/metrics" > "$out/server-metrics.txt" || true

if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$server_pid" JFR.dump name=bench filename="$out/server.jfr" >/dev/null
  java -cp "$cp" dev.controlplanes.kamaji.apiserver.bench.JfrHotSpots \
    "$out/server.jfr" "$out/phases.tsv" 15 >"$out/hotspots.txt"
  echo "bench: JFR summary per phase in $out/hotspots.txt" >&2
fi
echo "bench: load after run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt" >&2
exit $bench_status
