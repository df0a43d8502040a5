# Sourced by the benchmarks that compare our server with kube-apiserver serving the same kind as a
# CRD. Expects: root (the checkout), out (the output directory), state (the cluster's state
# directory) and KAMAJI_PORT_BASE / KAMAJI_API_PORT exported; BENCH_SKIP_BUILD honoured.

# bench_cluster_build NAME: builds the server and the load generators offline and seeds local-up's
# classpath (the server's: runtime scope, no test classes) so that it does not build again. The
# runtime classpath is left in apiserver/target/NAME.classpath.
bench_cluster_build() {
  local name=$1
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "$name: building (offline, tests skipped)" >&2
    mvn -q -o -B -DskipTests -Dspotless.skip=true -pl apiserver -am package \
      dependency:build-classpath -Dmdep.outputFile="target/$name.classpath" -Dmdep.includeScope=runtime >&2
  fi
  mkdir -p "$state"
  echo "$root/apiserver/target/classes:$(cat "$root/apiserver/target/$name.classpath")" > "$state/classpath"
}

# bench_cluster_up: starts the private local cluster; its log goes to $out/local-up.log. Sets
# bench_cluster_started, which bench_cluster_down checks.
bench_cluster_up() {
  bench_cluster_started=1
  "$root/hack/local-up.sh" > "$out/local-up.log" 2>&1 || { tail -30 "$out/local-up.log" >&2; return 1; }
  export KUBECONFIG=$state/admin.kubeconfig
}

# bench_cluster_down: keeps the cluster's logs in $out, then stops and purges it.
bench_cluster_down() {
  if [ -n "${bench_cluster_started:-}" ]; then
    cp "$state"/logs/*.log "$out/" 2>/dev/null || true
    "$root/hack/local-down.sh" --purge >&2 || true
  fi
}

# bench_cluster_crd: creates Kamaji's TenantControlPlane as a CRD in group crd.kamaji.clastix.io,
# its schema converted from ours at run time, and waits until kube-apiserver serves it.
bench_cluster_crd() {
  python3 "$root/hack/bench/tcp-crd.py" \
    "$root/api/src/main/resources/dev/controlplanes/kamaji/api/schemas/tenantcontrolplane.json" > "$out/crd.json"
  kubectl apply -f "$out/crd.json" >/dev/null
  # kubectl wait fails at once ("conditions accessor error") while the new CRD has no conditions yet.
  for _ in $(seq 1 120); do
    kubectl wait --for=condition=Established --timeout=60s crd/tenantcontrolplanes.crd.kamaji.clastix.io \
      >/dev/null 2>&1 && break
    sleep 1
  done
  kubectl wait --for=condition=Established --timeout=5s crd/tenantcontrolplanes.crd.kamaji.clastix.io >/dev/null
  # Discovery can lag Established by a moment.
  for _ in $(seq 60); do
    kubectl get --raw /apis/crd.kamaji.clastix.io/v1alpha1 >/dev/null 2>&1 && return 0
    sleep 0.5
  done
}
