#!/usr/bin/env bash
# Runs every test tier: unit (*Test), loopback integration (*IT) and cluster end-to-end (*E2E).
# Upstream components (etcd, ...) are built from the Go module proxy and cached under ~/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."

# The datastore integration tests start their own MariaDB and PostgreSQL 15 from Debian's
# binaries. Install what is missing, once and quietly (only possible as root with apt-get).
# The *-core packages hold mariadbd and mariadb-install-db (which needs my_print_defaults)
# without installing a system service that would start on port 3306.
missing=()
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server-core mariadb-client-core)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
# runc runs the container images in ContainerImagesIT, as a node's runtime would.
command -v runc > /dev/null || missing+=(runc)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    echo "installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null
    # policy-rc.d may refuse to start the packaged services; the tests run their own servers.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  else
    echo "missing ${missing[*]}: the datastore integration tests will fail" >&2
  fi
fi

# Build (or find in the cache) every pinned upstream component, so that a cold machine pays for
# them once here and the tests never race to build.
for component in etcd kubernetes kine konnectivity kwok gateway-api; do
  hack/build-upstream.sh "$component" > /dev/null
done
KAMAJI_ETCD_DIR=$(hack/build-upstream.sh etcd)
export KAMAJI_ETCD_DIR

# The container images are built at package (the "images" profile, on the runtime tree of
# hack/image/runtime.sh), so the integration tests can run them.
runtime=$(hack/image/runtime.sh)
mvn -B -ntp verify -Dkamaji.image.runtime="$runtime" "$@"

# Formatting is applied by the build; a committed tree that was not formatted shows up here.
if [ "${CI:-}" = "true" ] && ! git diff --quiet -- '*.java'; then
  echo "Java sources are not formatted; run 'mvn spotless:apply' and commit." >&2
  git diff --stat -- '*.java' >&2
  exit 1
fi
