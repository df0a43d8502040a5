#!/usr/bin/env bash
# CPU time of one tenant's full PKI (all certificates, keys and kubeconfigs) for RSA-2048 and
# ECDSA P-256: controllers/src/test/java/.../pki/bench/PkiBench.java, one JVM, one thread,
# ThreadMXBean CPU time per iteration after a warm-up. Prints a Markdown table.
#
#   hack/bench/pki.sh                      # RSA: 10 warm-up + 40 runs; ECDSA: 300 + 1000
#   hack/bench/pki.sh 2 10 50 200          # a quick look
#   BENCH_SKIP_BUILD=1 hack/bench/pki.sh   # reuse the last build
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building controllers (tests skipped, formatting untouched)" >&2
  mvn -q -B -ntp -DskipTests -Dspotless.skip=true -pl controllers -am package \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
fi
cp="$root/controllers/target/classes:$root/controllers/target/test-classes:$(cat "$root/controllers/target/bench.classpath")"

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git rev-parse --short HEAD)  nproc: $(nproc)" \
  " cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" >&2
java -version 2>&1 | head -1 >&2
echo "load before run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xmx512m -cp "$cp" dev.controlplanes.kamaji.controllers.pki.bench.PkiBench "$@"
echo "load after run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
