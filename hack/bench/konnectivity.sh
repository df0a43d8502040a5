#!/usr/bin/env bash
# Benchmarks our konnectivity server against the upstream proxy-server v0.34.0 in one run, on
# loopback: each server is its own process with its own upstream proxy-agent (same binary, same
# flags); the same Java frontend client (gRPC over the Unix socket, one Proxy stream per tunnel on
# one shared connection) and the same target drive both; a second set of dials and of transfers is
# made as kube-apiserver makes them, a new gRPC connection per tunnel, by the Go clients dial-bench
# and tunnel-bench (konnectivity-client, built with the upstream components); these alternate
# between the two servers so that machine noise falls on both alike. Prints a Markdown table with
# the ratios.
#
#   hack/bench/konnectivity.sh [output-dir]
#
# System properties (BENCH_JAVA_OPTS), defaults in brackets: bench.oneTunnelMiB [256],
# bench.tunnels [100], bench.perTunnelMiB [8], bench.dials [5000], bench.idleTunnels [1000],
# bench.rounds [3], bench.warmupDials [30000], bench.connectionDials [5000],
# bench.connectionWarmupDials [30000], bench.serverJvm [-Xmx512m] (JVM options of our server,
# separated by ";").
# Every process started is stopped at the end (the Java driver owns them).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${1:-$(mktemp -d /tmp/konnectivity-bench.XXXXXX)}
mkdir -p "$out"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building konnectivity-proxy (tests skipped)" >&2
  mvn -q -B -ntp -DskipTests -Dspotless.skip=true -pl konnectivity-proxy -am test-compile \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
fi
m=$root/konnectivity-proxy/target
cp="$m/classes:$m/test-classes:$(cat "$m/bench.classpath")"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- konnectivity-proxy || echo ' (dirty)')"
  echo "nproc: $(nproc); load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -version 2>&1 | head -1
} | tee "$out/machine.txt" >&2
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.controlplanes.kamaji.konnectivity.bench.KonnectivityBench "$out"
echo "bench: output kept in $out" >&2
