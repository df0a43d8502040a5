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
key=$(cat "$module_dir/go.mod" "$module_dir/go.sum" "$0" | sha256sum | cut -c1-12)
version() { awk -v m="$1" '$1==m {print $2}' "$module_dir/go.mod"; }

case "$component" in
  etcd)
    v=$(version go.etcd.io/etcd/server/v3)
    targets=("etcd=go.etcd.io/etcd/server/v3" "etcdctl=go.etcd.io/etcd/etcdctl/v3")
    ldflags="-X go.etcd.io/etcd/api/v3/version.GitSHA=${v}"
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
    for t in "${targets[@]}"; do
      name=${t%%=*}; pkg=${t#*=}
      CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$out/$name" "$pkg" >&2
    done
  )
  touch "$out/.complete"
fi
echo "$out"
