#!/usr/bin/env bash
# Issue 3: the same TenantControlPlane objects, in one run, served (1) by our server through
# kube-apiserver's aggregation layer (kamaji.clastix.io), (2) by kube-apiserver as a CRD of the same
# kind and schema in group crd.kamaji.clastix.io, and (3) by our server directly (no kube-apiserver
# in front), to separate the aggregation hop from our server's own time. Prints a Markdown table
# with ratios agg/crd.
#
#   hack/bench/aggregation-vs-crd.sh
#   BENCH_N=5000 hack/bench/aggregation-vs-crd.sh
#
# Environment (defaults in brackets): BENCH_N [1000]  BENCH_CLIENTS [8]  BENCH_GETS [5000]
#   BENCH_LIST_RUNS [10]  BENCH_WATCHERS [100]  BENCH_WATCH_EVENTS [100]
#   BENCH_WARMUP_GETS [80000] GETs per path before anything is measured (our server compiles its
#   hot paths late, see apiserver/jvm.options: its CPU per GET settles after ~100,000 requests;
#   2000 and 30000 measured a server still compiling)
#   BENCH_WARMUP_WATCH_EVENTS [200] updates per path, each seen by BENCH_WATCHERS watches, before
#   anything is measured (the measured 20 updates were otherwise our server's first)
#   BENCH_WARMUP_UPDATES [50000] read-modify-write updates sent to our server directly before
#   anything is measured, so its write path is in its steady state too (C2, as the GETs above)
#   BENCH_PORT_BASE [25790] (ports base..base+9)  BENCH_API_PORT [25800]
#   BENCH_OUT [a new /tmp/kamaji-aggcrd.XXXXXX]: results.md, machine.txt and the cluster's logs.
#   BENCH_SKIP_BUILD [0]  BENCH_JFR [0] (1: profile our server with JFR; hotspots.txt per phase)
# Everything started here (the whole local cluster) is stopped on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${BENCH_OUT:-$(mktemp -d /tmp/kamaji-aggcrd.XXXXXX)}
mkdir -p "$out"
state=$out/cluster
export KAMAJI_LOCAL_DIR=$state KAMAJI_PORT_BASE=${BENCH_PORT_BASE:-25790}
export KAMAJI_API_PORT=${BENCH_API_PORT:-25800}
# The API path is measured, not provisioning: without this the embedded controllers would create
# a control plane (Secrets, Deployment, datastore) for every benchmark object.
export KAMAJI_API_ARGS="--controllers=false"
kube_url=https://127.0.0.1:$((KAMAJI_PORT_BASE + 4))
api_url=https://127.0.0.1:$KAMAJI_API_PORT

# shellcheck source=hack/bench/lib/bench-cluster.sh
. "$root/hack/bench/lib/bench-cluster.sh"
loadwatch_pid=
cleanup() {
  local status=$?
  [ -n "$loadwatch_pid" ] && kill "$loadwatch_pid" 2>/dev/null || true
  bench_cluster_down
  echo "aggregation-vs-crd: output kept in $out" >&2
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build (load generator)
bench_cluster_build aggcrd
cp="$root/apiserver/target/classes:$root/apiserver/target/test-classes:$(cat "$root/apiserver/target/aggcrd.classpath")"

# ---------------------------------------------------------------- cluster
bench_cluster_up
certs=$state/certs

# ---------------------------------------------------------------- the CRD (converted at run time)
bench_cluster_crd
for p in agg crd direct; do
  for w in warm n; do kubectl create namespace "bench-$w-$p" >/dev/null; done
done

# Client certificate directories in the layout the load generator reads.
mkdir -p "$out/kube-certs" "$out/direct-certs"
for d in kube-certs direct-certs; do
  cp "$certs/admin.crt" "$certs/admin.key" "$out/$d/"
done
cp "$certs/cluster-ca.crt" "$out/kube-certs/serving-ca.crt"
cp "$certs/kamaji-serving-ca.crt" "$out/direct-certs/serving-ca.crt"

# ---------------------------------------------------------------- machine facts
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (dirty)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  free -h | sed 's/^/free: /'
  java -version 2>&1 | head -1 | sed 's/^/java: /'
  kubectl version 2>/dev/null | sed 's/^/kube: /'
  echo "load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: n=${BENCH_N:-1000} clients=${BENCH_CLIENTS:-8} gets=${BENCH_GETS:-5000}" \
    "list_runs=${BENCH_LIST_RUNS:-10} watchers=${BENCH_WATCHERS:-100} watch_events=${BENCH_WATCH_EVENTS:-100}"
} | tee "$out/machine.txt" >&2
( while sleep 5; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; done ) > "$out/load.txt" &
loadwatch_pid=$!

# ---------------------------------------------------------------- load
if [ "${BENCH_JFR:-0}" = 1 ]; then
  # Profile our server (started by local-up) with JFR: CPU samples every 2 ms.
  jfr configure --input profile 'jdk.ExecutionSample#period=2ms' --output "$out/bench.jfc" >/dev/null
  jcmd "$(cat "$state/pids/kamaji-api")" JFR.start name=aggcrd settings="$out/bench.jfc" >/dev/null
fi
java -Xmx2g -cp "$cp" dev.controlplanes.kamaji.apiserver.bench.AggregationVsCrdBenchmark \
  --target "agg=$kube_url,$out/kube-certs,/apis/kamaji.clastix.io/v1alpha1,kamaji.clastix.io/v1alpha1" \
  --target "crd=$kube_url,$out/kube-certs,/apis/crd.kamaji.clastix.io/v1alpha1,crd.kamaji.clastix.io/v1alpha1" \
  --target "direct=$api_url,$out/direct-certs,/apis/kamaji.clastix.io/v1alpha1,kamaji.clastix.io/v1alpha1" \
  --n "${BENCH_N:-1000}" --clients "${BENCH_CLIENTS:-8}" --get-requests "${BENCH_GETS:-5000}" \
  --warmup-gets "${BENCH_WARMUP_GETS:-80000}" \
  --warmup-watch-events "${BENCH_WARMUP_WATCH_EVENTS:-200}" \
  --warmup-updates "${BENCH_WARMUP_UPDATES:-50000}" \
  --list-runs "${BENCH_LIST_RUNS:-10}" --watchers "${BENCH_WATCHERS:-100}" \
  --watch-events "${BENCH_WATCH_EVENTS:-100}" --results "$out/results.md" --phase-log "$out/phases.tsv" \
  --pids "kube-apiserver=$(cat "$state/pids/kube-apiserver"),kamaji-api=$(cat "$state/pids/kamaji-api"),etcd-mgmt=$(cat "$state/pids/etcd-mgmt"),etcd-kamaji=$(cat "$state/pids/etcd-kamaji")"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$(cat "$state/pids/kamaji-api")" JFR.dump name=aggcrd filename="$out/kamaji-api.jfr" >/dev/null
  java -cp "$cp" dev.controlplanes.kamaji.apiserver.bench.JfrHotSpots "$out/kamaji-api.jfr" \
    "$out/phases.tsv" 15 > "$out/hotspots.txt" || true
  echo "aggregation-vs-crd: JFR summary per phase of our server in $out/hotspots.txt" >&2
fi
echo "load after run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt" >&2
echo "load during run (1-min average, every 5 s): $(awk '{print $2}' "$out/load.txt" | tr '\n' ' ')" | tee -a "$out/machine.txt" >&2
