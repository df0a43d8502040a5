#!/usr/bin/env bash
# Runs every test tier: unit (*Test), loopback integration (*IT) and cluster end-to-end (*E2E).
# Upstream components (etcd, ...) are built from the Go module proxy and cached under ~/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build (or find in the cache) every pinned upstream component, so that a cold machine pays for
# them once here and the tests never race to build.
for component in etcd kubernetes kine konnectivity kwok; do
  hack/build-upstream.sh "$component" > /dev/null
done
KAMAJI_ETCD_DIR=$(hack/build-upstream.sh etcd)
export KAMAJI_ETCD_DIR

mvn -B -ntp verify "$@"

# Formatting is applied by the build; a committed tree that was not formatted shows up here.
if [ "${CI:-}" = "true" ] && ! git diff --quiet -- '*.java'; then
  echo "Java sources are not formatted; run 'mvn spotless:apply' and commit." >&2
  git diff --stat -- '*.java' >&2
  exit 1
fi
