#!/usr/bin/env bash
# Stops what hack/local-up.sh started, by the process ids it recorded, and nothing else.
# Pass --purge to also delete the local state (etcd data, certificates, kubeconfigs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${KAMAJI_LOCAL_DIR:-$root/.local}
for name in kamaji-api kwok kube-scheduler kube-controller-manager kube-apiserver etcd-tenants etcd-kamaji etcd-mgmt; do
  pidfile=$state/pids/$name
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "stopped $name ($pid)"
  fi
  rm -f "$pidfile"
done
if [ "${1:-}" = "--purge" ]; then rm -rf "$state"; fi
