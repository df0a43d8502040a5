#!/usr/bin/env bash
# Provisioning benchmark: N TenantControlPlanes on the one etcd DataStore of a fresh local
# management cluster (hack/local-up.sh, kwok nodes so the control-plane Deployments become
# Available), once per key algorithm. For each run it prints the time until every TCP reports
# `Ready`, the server's CPU time spent meanwhile, its peak resident memory, and the growth of its
# live heap (after a full GC) per TCP, and the CPU time of the rest of the local cluster (etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kwok) meanwhile, the server's CPU time by
# thread (the JIT compiler threads, the reconcile workers, ...), and its reconcile passes.
#
# Usage: hack/bench/provisioning.sh [N ...]            (default: 100)
# Environment: KAMAJI_BENCH_ALGORITHMS (default "ECDSA-P256 RSA-2048"), KAMAJI_BENCH_TIMEOUT
# (seconds per run, default 900), KAMAJI_BENCH_WORKERS (reconcile workers, default 4),
# KAMAJI_BENCH_NODES (kwok nodes, default 4), KAMAJI_BENCH_JAVA_OPTS (the server's JVM options,
# default -Xmx1g).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
counts=("${@:-100}")
algorithms=${KAMAJI_BENCH_ALGORITHMS:-ECDSA-P256 RSA-2048}
timeout=${KAMAJI_BENCH_TIMEOUT:-900}
workers=${KAMAJI_BENCH_WORKERS:-4}

cpu_seconds() { # pid: user+system CPU seconds of the process so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
others_cpu() { # state dir: "<name> <CPU seconds>" of every other process of the local cluster
  local f
  for f in "$1"/pids/*; do
    [ "$(basename "$f")" = kamaji-api ] && continue
    kill -0 "$(cat "$f")" 2>/dev/null || continue
    echo "$(basename "$f") $(cpu_seconds "$(cat "$f")")"
  done
}
thread_cpu() { # pid: "<thread group> <CPU seconds>" per thread name without its number (C2 CompilerThread, ...)
  local t stat rest
  for t in /proc/"$1"/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    # shellcheck disable=SC2086 # the fields of stat
    set -- $rest
    echo "$(sed -E 's/[-#]?[0-9]+$//; s/ /_/g' "$t/comm" 2>/dev/null) $(( ${12} + ${13} ))"
  done | awk -v hz="$(getconf CLK_TCK)" '{ a[$1] += $2 } END { for (k in a) printf "%s %.2f\n", k, a[k] / hz }' | sort
}
peak_rss_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
live_heap_mib() { # after a full GC
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); printf "%.1f", v / 1024; exit } }'
}

tcp_manifests() { # count
  for i in $(seq 1 "$1"); do
    cat <<YAML
---
apiVersion: kamaji.clastix.io/v1alpha1
kind: TenantControlPlane
metadata:
  name: tenant-$i
  namespace: bench
spec:
  controlPlane:
    deployment:
      replicas: 1
    service:
      serviceType: ClusterIP
  kubernetes:
    version: v1.34.10
    kubelet:
      cgroupfs: systemd
  networkProfile:
    port: 6443
YAML
  done
}

uptime
printf '%-11s %6s %12s %10s %10s %12s %12s %14s\n' algorithm tcps ready_after cpu_s cpu_ms/tcp peak_rss_mib heap_kib/tcp others_cpu_s
for algorithm in $algorithms; do
  for n in "${counts[@]}"; do
    state=$(mktemp -d /tmp/kamaji-bench-provisioning.XXXXXX)
    export KAMAJI_LOCAL_DIR=$state KAMAJI_KWOK_NODES=${KAMAJI_BENCH_NODES:-4}
    export KAMAJI_PORT_BASE=${KAMAJI_BENCH_PORT_BASE:-25790} KAMAJI_API_PORT=${KAMAJI_BENCH_API_PORT:-25899}
    export KAMAJI_API_JAVA_OPTS="${KAMAJI_BENCH_JAVA_OPTS:--Xmx1g}"
    export KAMAJI_API_ARGS="--key-algorithm=$algorithm --max-concurrent-tcp-reconciles=$workers"
    kubeconfig=$("$root/hack/local-up.sh" 2>"$state/local-up.err" | tail -1 | sed 's/^export KUBECONFIG=//')
    k() { kubectl --kubeconfig "$kubeconfig" "$@"; }
    pid=$(cat "$state/pids/kamaji-api")
    k create namespace bench >/dev/null
    heap_before=$(live_heap_mib "$pid")
    cpu_before=$(cpu_seconds "$pid")
    others_cpu "$state" > "$state/others-before"
    thread_cpu "$pid" > "$state/threads-before"
    # One watch (through the aggregator, as any client) instead of repeated lists: a poll of 100
    # TCPs every half second cost the machine a kubectl start and a 800 KB list each time. Each
    # line is stamped on arrival; the file is only read locally.
    k get tcp -n bench -w -o jsonpath='{.metadata.name} {.status.kubernetesResources.version.status}{"\n"}' \
      2>/dev/null | while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done > "$state/events" &
    watcher=$!
    start=$EPOCHREALTIME
    tcp_manifests "$n" | k apply -f - >/dev/null
    # The time each TCP last turned Ready, from the stamped events; the last line is the count.
    ready_times() {
      awk -v start="$start" '
        { if ($3 == "Ready" && state[$2] != "Ready") { ready++; at[ready] = $1 - start }
          if ($3 != "Ready" && state[$2] == "Ready") ready--
          state[$2] = $3 }
        END { for (i = 1; i <= ready; i++) print at[i]; print ready + 0 }' "$state/events"
    }
    while :; do
      ready=$(ready_times | tail -1)
      [ "$ready" -ge "$n" ] && break
      if [ "$(echo "$EPOCHREALTIME - $start > $timeout" | bc)" = 1 ]; then
        echo "timed out: $ready of $n Ready after ${timeout}s (state kept in $state)" >&2
        break
      fi
      sleep 0.5
    done
    kill "$watcher" 2>/dev/null || true
    pkill -f "get tcp -n bench -w" 2>/dev/null || true
    milestones=""
    for pct in 10 25 50 75 100; do
      at=$(ready_times | sed '$d' | sed -n "$(( (pct * n + 99) / 100 ))p")
      [ -n "$at" ] && milestones="$milestones ${pct}%=$(printf '%.1f' "$at")s"
    done
    elapsed=$(ready_times | sed '$d' | tail -1)
    elapsed=${elapsed:-$(echo "$EPOCHREALTIME - $start" | bc)}
    cpu=$(echo "$(cpu_seconds "$pid") - $cpu_before" | bc)
    others_cpu "$state" > "$state/others-after"
    thread_cpu "$pid" > "$state/threads-after"
    # The server's CPU by thread: the JIT's compiler threads apart from the reconcile workers etc.
    threads_each=$(join "$state/threads-before" "$state/threads-after" | awk '{ d = $3 - $2; if (d >= 0.3) print d, $1 }' \
      | sort -rn | awk '{ printf "%s%s=%.1f", (NR > 1 ? " " : ""), $2, $1 }')
    others_each=$(join "$state/others-before" "$state/others-after" | awk '{ printf "%s%s=%.1f", (NR > 1 ? " " : ""), $1, $3 - $2 }')
    others=$(join "$state/others-before" "$state/others-after" | awk '{ t += $3 - $2 } END { printf "%.1f", t }')
    # Reconcile passes so far, from the server's own metrics (controller-runtime's names).
    k --server="https://127.0.0.1:$KAMAJI_API_PORT" --certificate-authority="$state/certs/kamaji-serving-ca.crt" \
      get --raw /metrics > "$state/metrics"
    passes=$(awk -v n="$n" '
      /^controller_runtime_reconcile_total\{controller="tenantcontrolplane"/ {
        match($0, /result="[a-z_]+"/); r = substr($0, RSTART + 8, RLENGTH - 9); by[r] = $NF; total += $NF }
      /^controller_runtime_reconcile_time_seconds_sum\{controller="tenantcontrolplane"/ { sum = $NF }
      /^workqueue_queue_duration_seconds_sum\{name="tenantcontrolplane"/ { wait = $NF }
      /^workqueue_queue_duration_seconds_count\{name="tenantcontrolplane"/ { taken = $NF }
      END { printf "%.1f per TCP (", total / n
            for (r in by) printf "%s=%d ", r, by[r]
            printf "), %.0f ms each on average, %.0f ms average wait in the queue", (total ? sum / total * 1000 : 0), (taken ? wait / taken * 1000 : 0) }' "$state/metrics")
    heap_after=$(live_heap_mib "$pid")
    printf '%-11s %6s %11.1fs %10.1f %10.1f %12s %12.0f %14.1f\n' "$algorithm" "$ready/$n" "$elapsed" "$cpu" \
      "$(echo "$cpu * 1000 / $n" | bc -l)" "$(peak_rss_mib "$pid")" \
      "$(echo "($heap_after - $heap_before) * 1024 / $n" | bc -l)" "$others"
    echo "  Ready at:$milestones"
    echo "  others' CPU s: $others_each"
    echo "  reconcile passes: $passes"
    echo "  server CPU s by thread (0.3 s or more): $threads_each"
    uptime
    "$root/hack/local-down.sh" --purge >/dev/null
  done
done
