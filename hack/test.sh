#!/usr/bin/env bash
# Runs every test tier: unit (*Test), loopback integration (*IT) and cluster end-to-end (*E2E).
# Upstream components (etcd, ...) are built from the Go module proxy and cached under ~/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build (or find in the cache) the pinned upstream binaries the tests start.
KAMAJI_ETCD_DIR=$(hack/build-upstream.sh etcd)
export KAMAJI_ETCD_DIR

mvn -B -ntp verify "$@"

# Formatting is applied by the build; a committed tree that was not formatted shows up here.
if [ "${CI:-}" = "true" ] && ! git diff --quiet -- '*.java'; then
  echo "Java sources are not formatted; run 'mvn spotless:apply' and commit." >&2
  git diff --stat -- '*.java' >&2
  exit 1
fi
