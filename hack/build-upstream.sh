#!/usr/bin/env bash
# Builds a pinned upstream component from the Go module proxy and prints the directory holding its binaries.
#
#   hack/build-upstream.sh etcd      -> prints e.g. ~/.cache/kamaji-java/upstream/etcd-v3.6.16-<sum>
#
# Each component has a wrapper module under hack/upstream/<component> whose go.mod/go.sum pin the version.
# Builds are cached outside the checkout, keyed by the wrapper's go.sum, so a warm call costs milliseconds.
set -euo pipefail

component=${1:?usage: build-upstream.sh <component>}
here=$(cd "$(dirname "$0")" && pwd)
module_dir="$here/upstream/$component"
[ -f "$module_dir/go.mod" ] || { echo "unknown component: $component" >&2; exit 2; }

cache_root=${KAMAJI_UPSTREAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kamaji-java/upstream}
# Bump when a build recipe below changes in a way that changes the binaries.
recipe_revision=2
# The key covers the pins, the wrapper's own Go sources (test oracles such as kubelet-config) and
# the recipe.
key=$( (cat "$module_dir/go.mod" "$module_dir/go.sum"; find "$module_dir" -name '*.go' | sort | xargs -r cat
        echo "$component $recipe_revision") | sha256sum | cut -c1-12)
version() { awk -v m="$1" '$1==m {print $2}' "$module_dir/go.mod"; }

case "$component" in
  etcd)
    v=$(version go.etcd.io/etcd/server/v3)
    targets=("etcd=go.etcd.io/etcd/server/v3" "etcdctl=go.etcd.io/etcd/etcdctl/v3")
    ldflags="-X go.etcd.io/etcd/api/v3/version.GitSHA=${v}"
    ;;
  kubernetes)
    v=$(version k8s.io/kubernetes)
    targets=("=k8s.io/kubernetes/cmd/kube-apiserver" "=k8s.io/kubernetes/cmd/kube-controller-manager"
             "=k8s.io/kubernetes/cmd/kube-scheduler" "=k8s.io/kubernetes/cmd/kubelet"
             "=k8s.io/kubernetes/cmd/kubeadm"
             "kubelet-config=kamaji-java/hack/upstream/kubernetes/kubelet-config")
    # Stamp the exact tag, as upstream's hack/lib/version.sh does; clients read /version.
    # The module cache keeps the proxy's version metadata (Time, and Origin.Hash when known).
    meta=$(cd "$module_dir" && GOFLAGS=-modcacherw go mod download -json "k8s.io/kubernetes@$v" | tr -d ' \n')
    info_file=$(printf '%s' "$meta" | sed -n 's/.*"Info":"\([^"]*\)".*/\1/p')
    info=$(tr -d ' \n' < "$info_file")$meta
    commit=$(printf '%s' "$info" | sed -n 's/.*"Hash":"\([0-9a-f]*\)".*/\1/p')
    date=$(printf '%s' "$info" | sed -n 's/.*"Time":"\([^"]*\)".*/\1/p')
    minor=$(echo "$v" | cut -d. -f2)
    ldflags=""
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
      ldflags+=" -X $pkg.gitCommit=$commit -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date"
    done
    ;;
  kine)
    v=$(version github.com/k3s-io/kine)
    # CGO off: SQL datastores (PostgreSQL, MySQL) and NATS are what Kamaji uses kine for.
    targets=("kine=github.com/k3s-io/kine")
    ldflags="-X github.com/k3s-io/kine/pkg/version.Version=$v"
    ;;
  konnectivity)
    v=$(version sigs.k8s.io/apiserver-network-proxy)
    targets=("proxy-server=sigs.k8s.io/apiserver-network-proxy/cmd/server"
             "proxy-agent=sigs.k8s.io/apiserver-network-proxy/cmd/agent"
             "proxy-test-client=sigs.k8s.io/apiserver-network-proxy/cmd/test-client"
             "dial-bench=kamaji-java/hack/upstream/konnectivity/dial-bench"
             "tunnel-bench=kamaji-java/hack/upstream/konnectivity/tunnel-bench")
    ldflags=""
    ;;
  kwok)
    v=$(version sigs.k8s.io/kwok)
    targets=("kwok=sigs.k8s.io/kwok/cmd/kwok")
    ldflags="-X sigs.k8s.io/kwok/pkg/consts.Version=$v"
    ;;
  gateway-api)
    v=$(version sigs.k8s.io/gateway-api)
    # No binaries: the standard channel's CRDs the end-to-end tests install.
    targets=()
    crds=(gatewayclasses gateways tlsroutes)
    ;;
  *) echo "no build recipe for $component" >&2; exit 2 ;;
esac

out="$cache_root/$component-$v-$key"
if [ -f "$out/.complete" ]; then echo "$out"; exit 0; fi

mkdir -p "$out"
lock="$out.lock"
exec 9>"$lock"
flock 9
if [ ! -f "$out/.complete" ]; then
  echo "building $component $v into $out (cold build, may take minutes)" >&2
  (
    cd "$module_dir"
    # One invocation per component shares the compiled packages; "=pkg" targets keep their
    # own name under $out/.
    named=(); unnamed=()
    for t in "${targets[@]}"; do
      if [ "${t%%=*}" = "" ]; then unnamed+=("${t#=}"); else named+=("$t"); fi
    done
    export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-mod=mod -modcacherw"
    if [ -n "${crds:-}" ]; then
      dir=$(go mod download -json "sigs.k8s.io/gateway-api@$v" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
      for crd in "${crds[@]}"; do
        cp "$dir/config/crd/standard/gateway.networking.k8s.io_$crd.yaml" "$out/"
      done
    fi
    if [ ${#unnamed[@]} -gt 0 ]; then
      go build -trimpath -ldflags "$ldflags" -o "$out/" "${unnamed[@]}" >&2
    fi
    for t in "${named[@]}"; do
      go build -trimpath -ldflags "$ldflags" -o "$out/${t%%=*}" "${t#*=}" >&2
    done
  )
  touch "$out/.complete"
fi
echo "$out"
