#!/usr/bin/env bash
# Issue 3: what the aggregation hop costs by itself. One TenantControlPlane served by our server and
# one object of the same kind served by kube-apiserver as a CRD; curl GETs them over one kept-alive
# TLS connection per client, and also GETs our group-version discovery document through
# kube-apiserver, the cheapest answer our server gives (no etcd read, no authorization check), so
# that case is the floor of any request proxied to us. Prints latency (one client, sequential) and
# CPU per request of each process (4 clients at once), read from /proc.
#
#   hack/bench/aggregation-floor.sh
#
# Environment (defaults in brackets): BENCH_REQUESTS [2000] per client and case
#   BENCH_WARMUP [15000] requests per case, all cases before any is measured  BENCH_PORT_BASE [25810] (base..base+9)
#   BENCH_API_PORT [25820]  BENCH_OUT [a new /tmp/kamaji-aggfloor.XXXXXX]  BENCH_SKIP_BUILD [0]
# Everything started here (the whole local cluster) is stopped on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${BENCH_OUT:-$(mktemp -d /tmp/kamaji-aggfloor.XXXXXX)}
mkdir -p "$out"
state=$out/cluster
export KAMAJI_LOCAL_DIR=$state KAMAJI_PORT_BASE=${BENCH_PORT_BASE:-25810}
export KAMAJI_API_PORT=${BENCH_API_PORT:-25820} KAMAJI_KWOK_NODES=0
export KAMAJI_API_ARGS="--controllers=false"
requests=${BENCH_REQUESTS:-2000}
warmup=${BENCH_WARMUP:-15000}
kube_url=https://127.0.0.1:$((KAMAJI_PORT_BASE + 4))
api_url=https://127.0.0.1:$KAMAJI_API_PORT

# shellcheck source=hack/bench/lib/bench-cluster.sh
. "$root/hack/bench/lib/bench-cluster.sh"
cleanup() {
  local status=$?
  bench_cluster_down
  echo "aggregation-floor: output kept in $out" >&2
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_cluster_build aggfloor
bench_cluster_up
certs=$state/certs

bench_cluster_crd
kubectl create namespace floor >/dev/null
for group in kamaji.clastix.io crd.kamaji.clastix.io; do
  kubectl apply -f - >/dev/null <<TCP
apiVersion: $group/v1alpha1
kind: TenantControlPlane
metadata: {name: floor, namespace: floor}
spec:
  controlPlane: {deployment: {replicas: 1}, service: {serviceType: ClusterIP}}
  kubernetes: {version: v1.34.10, kubelet: {cgroupfs: systemd}}
TCP
done

tcp_path=apis/kamaji.clastix.io/v1alpha1/namespaces/floor/tenantcontrolplanes/floor
# case name | base URL | CA | path
cases=(
  "crd get (kube-apiserver, etcd)|$kube_url|$certs/cluster-ca.crt|apis/crd.kamaji.clastix.io/v1alpha1/namespaces/floor/tenantcontrolplanes/floor"
  "agg get (kube-apiserver, our server, etcd)|$kube_url|$certs/cluster-ca.crt|$tcp_path"
  "agg discovery (kube-apiserver, our server)|$kube_url|$certs/cluster-ca.crt|apis/kamaji.clastix.io/v1alpha1"
  "direct get (our server, etcd)|$api_url|$certs/kamaji-serving-ca.crt|$tcp_path"
  "direct discovery (our server)|$api_url|$certs/kamaji-serving-ca.crt|apis/kamaji.clastix.io/v1alpha1"
)
pids=(kube-apiserver kamaji-api etcd-mgmt etcd-kamaji)

# curl_loop URL CA N OUTFILE: N GETs over one connection, one time_total (s) per line.
curl_loop() {
  local url=$1 ca=$2 n=$3 outfile=$4
  # The URLs go in a config file: thousands of them overflow a command line.
  awk -v url="$url" -v n="$n" 'BEGIN {for (i = 0; i < n; i++) printf "url = \"%s\"\noutput = /dev/null\n", url}' \
    > "$outfile.curlrc"
  curl -sS --fail --cacert "$ca" --cert "$certs/admin.crt" --key "$certs/admin.key" \
    -w '%{time_total}\n' --config "$outfile.curlrc" > "$outfile"
  rm -f "$outfile.curlrc"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$state/pids/$1")/stat"; }
percentiles() {
  awk '{print $1 * 1000}' "$@" | sort -n |
    awk '{v[NR] = $1} END {printf "%.2f | %.2f", v[int(NR * 0.5)], v[int(NR * 0.99)]}'
}

{
  echo "| case | 1 client p50 ms | 1 client p99 ms | 4 clients p50 ms | 4 clients p99 ms |" \
    "CPU ms per request: kube-apiserver / kamaji-api / etcd-mgmt / etcd-kamaji |"
  echo "|---|---:|---:|---:|---:|---|"
} > "$out/results.md"
hz=$(getconf CLK_TCK)
# Every case is warmed up before any is measured: our server compiles its hot paths (the JIT's CPU
# counts as the server's) during its first thousands of requests, whichever case sends them.
for entry in "${cases[@]}"; do
  IFS='|' read -r name base ca path <<<"$entry"
  echo "aggregation-floor: warming up $name" >&2
  curl_loop "$base/$path" "$ca" "$warmup" "$out/warmup.txt"
done
for entry in "${cases[@]}"; do
  IFS='|' read -r name base ca path <<<"$entry"
  echo "aggregation-floor: $name" >&2
  curl_loop "$base/$path" "$ca" "$requests" "$out/sequential.txt"
  before=(); for p in "${pids[@]}"; do before+=("$(cpu_ticks "$p")"); done
  for c in 1 2 3 4; do curl_loop "$base/$path" "$ca" "$requests" "$out/parallel-$c.txt" & done
  wait
  cpu=()
  for i in "${!pids[@]}"; do
    cpu+=("$(awk -v a="${before[$i]}" -v b="$(cpu_ticks "${pids[$i]}")" -v hz="$hz" -v n=$((4 * requests)) \
      'BEGIN {printf "%.3f", (b - a) * 1000 / hz / n}')")
  done
  echo "| $name | $(percentiles "$out/sequential.txt") | $(percentiles "$out"/parallel-*.txt) |" \
    "$(IFS=/; echo "${cpu[*]}" | sed 's|/| / |g') |" >> "$out/results.md"
done
{
  echo
  echo "- $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $requests requests per client" \
    "and case after $warmup warm-up requests; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$out/results.md"
cat "$out/results.md"
